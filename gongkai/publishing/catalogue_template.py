"""The standard 政府信息公开目录 an agency applies and then edits.

Built on 条例第二十条 (the fifteen items every agency discloses), 第二十一条 (市/县/乡镇 extras) and
the columns real 专栏 carry (seeds 000–004). Codes are the 信息类别 part of the 索引号.
"""

from .choices import ColumnKind, UpdateFrequency

ARTICLE_20 = "《中华人民共和国政府信息公开条例》第二十条"

# (name, code, kind, basis, content, frequency, children)
TEMPLATE = [
    (
        "机构职能",
        "0100",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（二）项",
        "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
        UpdateFrequency.ON_CHANGE,
        [],
    ),
    (
        "政策文件",
        "0200",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（一）项",
        "规章、行政规范性文件和其他政策文件",
        UpdateFrequency.REALTIME,
        [
            (
                "规章",
                "0201",
                ColumnKind.REGULATION,
                f"{ARTICLE_20}第（一）项",
                "本机关制定的规章",
                UpdateFrequency.REALTIME,
            ),
            (
                "行政规范性文件",
                "0202",
                ColumnKind.NORMATIVE,
                f"{ARTICLE_20}第（一）项",
                "本机关制发的行政规范性文件及其有效性",
                UpdateFrequency.REALTIME,
            ),
            (
                "其他文件",
                "0203",
                ColumnKind.OTHER_DOCUMENT,
                f"{ARTICLE_20}第（一）项",
                "其他应主动公开的政策文件",
                UpdateFrequency.REALTIME,
            ),
        ],
    ),
    (
        "政策解读",
        "0300",
        ColumnKind.INTERPRETATION,
        "国办发〔2016〕80号；“谁起草、谁解读”",
        "政策文件的背景依据、目标任务、主要内容、适用范围、执行口径等解读材料",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "规划计划",
        "0400",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（三）项",
        "国民经济和社会发展规划、专项规划、区域规划及相关政策；年度工作计划和总结",
        UpdateFrequency.YEARLY,
        [],
    ),
    (
        "统计信息",
        "0500",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（四）项",
        "国民经济和社会发展统计信息",
        UpdateFrequency.MONTHLY,
        [],
    ),
    (
        "财政预决算及三公经费",
        "0600",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（七）项",
        "部门预算、决算及“三公”经费",
        UpdateFrequency.YEARLY,
        [],
    ),
    (
        "行政许可",
        "0700",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（五）项",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "行政处罚",
        "0800",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（六）项",
        "实施行政处罚的依据、条件、程序以及具有一定社会影响的行政处罚决定",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "行政强制",
        "0900",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（六）项",
        "实施行政强制的依据、条件、程序",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "行政事业性收费",
        "1000",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（八）项",
        "行政事业性收费项目及其依据、标准",
        UpdateFrequency.ON_CHANGE,
        [],
    ),
    (
        "政府采购",
        "1100",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（九）项",
        "政府集中采购项目的目录、标准及实施情况",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "重大建设项目",
        "1200",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十）项",
        "重大建设项目的批准和实施情况",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "民生保障",
        "1300",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十一）项",
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "突发公共事件应对",
        "1400",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十二）项",
        "突发公共事件的应急预案、预警信息及应对情况",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "监督检查",
        "1500",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十三）项",
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "人事信息",
        "1600",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十四）项",
        "公务员招考的职位、名额、报考条件等事项以及录用结果；干部任免",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "建议提案办理",
        "1700",
        ColumnKind.PROPOSALS,
        "国办发〔2014〕46号",
        "人大代表建议和政协委员提案办理复文",
        UpdateFrequency.YEARLY,
        [],
    ),
    (
        "公示公告",
        "1800",
        ColumnKind.GENERAL,
        f"{ARTICLE_20}第（十五）项",
        "通知公告、公示等其他应主动公开的信息",
        UpdateFrequency.REALTIME,
        [],
    ),
    (
        "政府信息公开指南",
        "1900",
        ColumnKind.GUIDE,
        "《中华人民共和国政府信息公开条例》第十二条",
        "政府信息公开指南，包括政府信息的分类、编排体系、获取方式和工作机构信息",
        UpdateFrequency.ON_CHANGE,
        [],
    ),
    (
        "政府信息公开制度",
        "2000",
        ColumnKind.RULES,
        "《中华人民共和国政府信息公开条例》第六条",
        "政府信息公开工作制度、实施细则",
        UpdateFrequency.ON_CHANGE,
        [],
    ),
    (
        "政府信息公开年报",
        "2100",
        ColumnKind.ANNUAL_REPORT,
        "《中华人民共和国政府信息公开条例》第四十九条、第五十条",
        "政府信息公开工作年度报告（每年1月31日前/3月31日前公布）",
        UpdateFrequency.YEARLY,
        [],
    ),
]

ARTICLE_21 = "《中华人民共和国政府信息公开条例》第二十一条"

#: 第二十一条: 设区的市级、县级人民政府及其部门 also disclose, as their area requires, …
ARTICLE_21_CITY_COUNTY = [
    ("市政建设", "涉及市政建设的政府信息"),
    ("公共服务", "涉及公共服务的政府信息"),
    ("公益事业", "涉及公益事业的政府信息"),
    ("土地征收", "土地征收的政府信息"),
    ("房屋征收", "房屋征收的政府信息"),
    ("治安管理", "涉及治安管理的政府信息"),
    ("社会救助", "涉及社会救助的政府信息"),
]
#: … and 乡（镇）人民政府 (and 街道) these.
ARTICLE_21_TOWNSHIP = [
    ("贯彻落实农业农村政策", "贯彻落实农业农村政策的情况"),
    ("农田水利工程建设运营", "农田水利工程建设运营的情况"),
    ("农村土地承包经营权流转", "农村土地承包经营权流转的情况"),
    ("宅基地使用情况审核", "宅基地使用情况的审核"),
    ("土地征收", "土地征收的政府信息"),
    ("房屋征收", "房屋征收的政府信息"),
    ("筹资筹劳", "筹资筹劳的情况"),
    ("社会救助", "涉及社会救助的政府信息"),
]


def template_for(level: str, kind: str) -> list:
    """The standard catalogue for an agency (org.Agency's level and kind): 第二十条's columns for
    every agency; the 市、县、乡（镇）人民政府 (and 街道) add 第二十一条's, as one column
    "重点领域信息" with a sub-column each, which their departments' information fills. A
    department applies them itself where its area needs them; a province has no such list."""
    if kind not in ("government", "subdistrict"):
        return TEMPLATE
    extras = {"city": ARTICLE_21_CITY_COUNTY, "county": ARTICLE_21_CITY_COUNTY}.get(
        level, ARTICLE_21_TOWNSHIP if level == "township" else None
    )
    if not extras:
        return TEMPLATE
    who = "乡（镇）人民政府" if level == "township" else "设区的市级、县级人民政府及其部门"
    children = [
        (
            name,
            f"22{index:02d}",
            ColumnKind.GENERAL,
            f"{ARTICLE_21}（{who}）",
            content,
            UpdateFrequency.REALTIME,
        )
        for index, (name, content) in enumerate(extras, 1)
    ]
    article_21 = (
        "重点领域信息",
        "2200",
        ColumnKind.GENERAL,
        f"{ARTICLE_21}（{who}）",
        "根据本地区具体情况主动公开的重点领域政府信息",
        UpdateFrequency.REALTIME,
        children,
    )
    return [*TEMPLATE, article_21]
