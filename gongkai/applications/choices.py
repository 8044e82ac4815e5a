"""Enumerations of 依申请公开, named as the law and the annual report's 表三 name them."""

from django.db import models


class Channel(models.TextChoices):
    """How the application arrived; 第三十一条 sets the date of receipt per channel."""

    ONLINE = "online", "网上申请"
    PLATFORM = "platform", "政务服务平台转来"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_MAIL = "registered_mail", "邮寄（挂号）"
    ORDINARY_MAIL = "ordinary_mail", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头提出"


#: Channels whose date of receipt is the day both sides confirm (第三十一条第三项).
CONFIRMED_CHANNELS = frozenset({Channel.ONLINE, Channel.PLATFORM, Channel.FAX, Channel.EMAIL})


class ApplicantType(models.TextChoices):
    """The applicant columns of 表三."""

    NATURAL = "natural", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"


class FormWanted(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    ONLINE = "online", "网上查阅"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"
    ONLINE = "online", "网上获取"


class Result(models.TextChoices):
    """The leaves of 表三 三、本年度办理结果 (国办公开办函〔2021〕30号). Every closed application
    ends in exactly one of them, so the annual report is counted, never typed. The article(s)
    each one's answer cites, with the facts they need, are in basis.py."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTIAL = "partial", "（二）部分公开"
    WITHHELD_STATE_SECRET = "withheld_1", "（三）不予公开 1.属于国家秘密"
    WITHHELD_LAW = "withheld_2", "（三）不予公开 2.其他法律行政法规禁止公开"
    WITHHELD_SECURITY = "withheld_3", "（三）不予公开 3.危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_4", "（三）不予公开 4.保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_5", "（三）不予公开 5.属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_6", "（三）不予公开 6.属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_7", "（三）不予公开 7.属于行政执法案卷"
    WITHHELD_QUERY = "withheld_8", "（三）不予公开 8.属于行政查询事项"
    UNABLE_NOT_HELD = "unable_1", "（四）无法提供 1.本机关不掌握相关政府信息"
    UNABLE_NEEDS_MAKING = "unable_2", "（四）无法提供 2.没有现成信息需要另行制作"
    UNABLE_UNCLEAR = "unable_3", "（四）无法提供 3.补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed_1", "（五）不予处理 1.信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "not_processed_2", "（五）不予处理 2.重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_3", "（五）不予处理 3.要求提供公开出版物"
    NOT_PROCESSED_MASS = "not_processed_4", "（五）不予处理 4.无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRM = (
        "not_processed_5",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_SUPPLEMENT = (
        "other_1",
        ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_UNPAID = (
        "other_2",
        ("（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "other_3", "（六）其他处理 3.其他"


class Status(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting", "待确认收到"
    REGISTERED = "registered", "已受理"
    IN_PROGRESS = "in_progress", "办理中"
    SUPPLEMENT = "supplement", "待补正"
    CONSULTING = "consulting", "征求意见中"
    FEE_PENDING = "fee_pending", "待缴费"
    ANSWER_REVIEW = "answer_review", "答复审核中"
    ANSWERED = "answered", "已答复"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "申请人已撤回"


#: States in which the application is closed (the clock no longer runs).
CLOSED = frozenset({Status.ANSWERED, Status.DELIVERED, Status.ARCHIVED, Status.WITHDRAWN})


class AppealKind(models.TextChoices):
    """表四's three groups (行政复议机关作为共同被告的，只计原行为主体)."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"
