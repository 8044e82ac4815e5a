"""Enumerations of 主动公开, with their sources."""

from django.db import models


class Disclosure(models.TextChoices):
    """公开属性 (国办发〔2016〕80号: set when the document is drafted)."""

    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"
    REDACTED = "redacted", "删减后公开"


#: 公开属性 whose items are published on the portal.
PUBLISHABLE = frozenset({Disclosure.ACTIVE, Disclosure.REDACTED})


class WithholdGround(models.TextChoices):
    """The eight statutory grounds, named as the annual report's 表三 三(三) names them.

    条例 第十四条 (国家秘密; 法律行政法规禁止; 危及国家安全、公共安全、经济安全、社会稳定),
    第十五条 (商业秘密、个人隐私 → 保护第三方合法权益), 第十六条 (内部事务信息; 过程性信息;
    行政执法案卷), and 行政查询事项 (2021 format).
    """

    STATE_SECRET = "state_secret", "属于国家秘密"
    LAW_FORBIDS = "law_forbids", "其他法律行政法规禁止公开"
    SECURITY_STABILITY = "security_stability", "危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "保护第三方合法权益"
    INTERNAL_AFFAIRS = "internal_affairs", "属于三类内部事务信息"
    PROCESS_INFO = "process_info", "属于四类过程性信息"
    ENFORCEMENT_FILE = "enforcement_file", "属于行政执法案卷"
    ADMIN_QUERY = "admin_query", "属于行政查询事项"


GROUND_ARTICLES = {
    WithholdGround.STATE_SECRET: "条例第十四条",
    WithholdGround.LAW_FORBIDS: "条例第十四条",
    WithholdGround.SECURITY_STABILITY: "条例第十四条",
    WithholdGround.THIRD_PARTY: "条例第十五条",
    WithholdGround.INTERNAL_AFFAIRS: "条例第十六条第一款",
    WithholdGround.PROCESS_INFO: "条例第十六条第二款",
    WithholdGround.ENFORCEMENT_FILE: "条例第十六条第二款",
    WithholdGround.ADMIN_QUERY: "条例第三十六条第（七）项",
}


class Validity(models.TextChoices):
    """有效性 of 规章 and 行政规范性文件 (the annual report counts 现行有效): 有效, 失效 (its
    有效期 ended) or 废止 (another document repealed it); 已修改 documents stay in force."""

    VALID = "valid", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class ColumnKind(models.TextChoices):
    """What a catalogue column holds, where the law or the annual report cares."""

    GENERAL = "general", "一般栏目"
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER_DOCUMENT = "other_document", "其他文件"
    INTERPRETATION = "interpretation", "政策解读"
    GUIDE = "guide", "政府信息公开指南"
    RULES = "rules", "政府信息公开制度"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"
    PROPOSALS = "proposals", "建议提案办理"


#: Columns whose items carry 有效性 and count in 表二 第二十条(一).
POLICY_KINDS = frozenset({ColumnKind.REGULATION, ColumnKind.NORMATIVE})


class UpdateFrequency(models.TextChoices):
    REALTIME = "realtime", "实时更新"
    MONTHLY = "monthly", "每月更新"
    QUARTERLY = "quarterly", "每季度更新"
    YEARLY = "yearly", "每年更新"
    ON_CHANGE = "on_change", "形成或变更后更新"
    LONG_TERM = "long_term", "长期公开"


#: 国务院政府信息公开主题分类 (as on www.gov.cn and most provincial platforms).
class Topic(models.TextChoices):
    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "国民经济管理、国有资产监管"
    FINANCE = "finance", "财政、金融、审计"
    LAND = "land", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY_TRANSPORT = "industry_transport", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    MARKET = "market", "市场监管、安全生产监管"
    CONSTRUCTION = "construction", "城乡建设、环境保护"
    SCIENCE_EDUCATION = "science_education", "科技、教育"
    CULTURE = "culture", "文化、广电、新闻出版"
    HEALTH = "health", "卫生、体育"
    POPULATION = "population", "人口与计划生育、妇女儿童工作"
    LABOUR = "labour", "劳动、人事、监察"
    SECURITY = "security", "公安、安全、司法"
    CIVIL = "civil", "民政、扶贫、救灾"
    ETHNIC = "ethnic", "民族、宗教"
    FOREIGN = "foreign", "对外事务"
    HMT = "hmt", "港澳台侨工作"
    DEFENCE = "defence", "国防"
    OTHER = "other", "其他"
