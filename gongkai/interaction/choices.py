"""Enumerations of 互动交流: message channels and kinds, 建议提案, 舆情."""

from django.db import models


class Channel(models.TextChoices):
    """Where a message came from: the portal's own form, or a platform that forwarded it
    (seeds 000–002: "12345" "96128" "12328", 罗甸政务110, 领导信箱)."""

    WEBSITE = "website", "网站留言"
    HOTLINE_12345 = "12345", "12345政务服务便民热线"
    HOTLINE_12328 = "12328", "12328交通运输服务监督电话"
    HOTLINE_96128 = "96128", "96128交通服务热线"
    GOV_110 = "gov110", "政务110"
    LEADER_MAILBOX = "mailbox", "领导信箱"
    OTHER = "other", "其他渠道"


class MessageKind(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    SUGGESTION = "suggestion", "建议"
    COMPLAINT = "complaint", "投诉"


class MessageStatus(models.TextChoices):
    RECEIVED = "received", "待交办"
    ASSIGNED = "assigned", "办理中"
    ANSWER_REVIEW = "answer_review", "答复待审核"
    ANSWERED = "answered", "已办结"
    INVALID = "invalid", "无效留言"


#: Messages still waiting for an answer.
OPEN_MESSAGE_STATES = frozenset(
    {MessageStatus.RECEIVED, MessageStatus.ASSIGNED, MessageStatus.ANSWER_REVIEW}
)


class InvalidReason(models.TextChoices):
    """无效留言: not counted as received, never answered, never published."""

    DUPLICATE = "duplicate", "重复留言"
    NO_CONTENT = "no_content", "无实质内容"
    ABUSIVE = "abusive", "含有辱骂、攻击等违法或不良信息"
    NOT_OURS = "not_ours", "不属于本机关职责，已告知向有权机关反映"
    OTHER = "other", "其他"


class ProposalKind(models.TextChoices):
    DEPUTY = "deputy", "人大代表建议"
    MEMBER = "member", "政协委员提案"


class ProposalStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "办理中"
    ANSWERED = "answered", "已答复"


class ProposalOutcome(models.TextChoices):
    """The usual classification of a reply (办理结果分类)."""

    SOLVED = "A", "A类（所提问题已经解决或基本解决）"
    PLANNED = "B", "B类（所提问题正在解决或列入计划逐步解决）"
    REFERENCE = "C", "C类（所提问题因条件限制暂时不能解决，留作参考）"


class OpinionSource(models.TextChoices):
    NEWS_SITE = "news", "新闻网站"
    WEIBO = "weibo", "微博"
    WECHAT = "wechat", "微信"
    SHORT_VIDEO = "video", "短视频平台"
    FORUM = "forum", "论坛、贴吧"
    HOTLINE = "hotline", "热线、留言平台"
    OTHER = "other", "其他"


class OpinionLevel(models.TextChoices):
    """研判等级 (舆情风险评估研判, seed 000)."""

    LOW = "low", "一般"
    MEDIUM = "medium", "较大"
    HIGH = "high", "重大"


class OpinionStatus(models.TextChoices):
    MONITORING = "monitoring", "监测研判中"
    RESPONDED = "responded", "已回应"
    CLOSED = "closed", "已办结"
