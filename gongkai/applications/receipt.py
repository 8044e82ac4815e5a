"""第三十一条: the date of receipt of an application, per channel, from the facts of its arrival.

- （一）当面提交: the day the applicant hands it in (an oral application: the day it is made and
  written up by the office, 第二十九条).
- （二）邮寄: the day the office signs for it; 平常信函 (no signature): the day the office
  confirms receipt with the applicant, and it must confirm on the day the letter arrives.
- （三）互联网渠道 (网上申请, 电子邮件, 政务服务平台转来) or 传真: the day both sides confirm.

A pure function over the facts; the staff form shows ``RULES`` next to its fields and refuses
facts that contradict the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .choices import Channel

RULES = {
    Channel.IN_PERSON: "当面提交的，以申请人提交之日为收到申请之日（第三十一条第（一）项）。",
    Channel.ORAL: "口头提出的，由公开办当场代为填写，以提出之日为收到申请之日（第二十九条、第三十一条第（一）项）。",
    Channel.REGISTERED_MAIL: "以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第（二）项）。",
    Channel.ORDINARY_MAIL: "以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日"
    "与申请人确认，确认之日为收到申请之日（第三十一条第（二）项）。",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）。",
    Channel.EMAIL: "通过电子邮件等互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）。",
    Channel.ONLINE: "通过互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）。",
    Channel.PLATFORM: "通过政务服务平台提交的，以双方确认之日为收到申请之日（第三十一条第（三）项）。",
}

#: The fact that fixes the date for each channel (the staff form's field), and its label.
FACTS = {
    Channel.IN_PERSON: ("handed_in", "提交日期"),
    Channel.ORAL: ("handed_in", "口头提出日期"),
    Channel.REGISTERED_MAIL: ("signed_for", "签收日期"),
    Channel.ORDINARY_MAIL: ("confirmed", "与申请人确认日期"),
    Channel.FAX: ("confirmed", "双方确认日期"),
    Channel.EMAIL: ("confirmed", "双方确认日期"),
    Channel.ONLINE: ("confirmed", "双方确认日期"),
    Channel.PLATFORM: ("confirmed", "双方确认日期"),
}


class ReceiptError(ValueError):
    """A fact that contradicts 第三十一条 (the message names the field in ``field``)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Receipt:
    received: date
    facts: dict[str, str]  # ISO dates, as kept with the application
    rule: str


def receipt_date(
    channel: str,
    *,
    today: date,
    handed_in: date | None = None,
    signed_for: date | None = None,
    arrived: date | None = None,
    confirmed: date | None = None,
) -> Receipt:
    """The date of receipt for ``channel`` from the facts of arrival (第三十一条).

    ``arrived`` is the day a letter, fax or e-mail reached the office (for 平常信函 it must be
    the day of the confirmation; for fax and e-mail the confirmation cannot be earlier).
    """
    channel = Channel(channel)
    field, label = FACTS[channel]
    given = {"handed_in": handed_in, "signed_for": signed_for, "confirmed": confirmed}
    day = given[field]
    if day is None:
        raise ReceiptError(field, f"请填写{label}：{RULES[channel]}")
    if day > today:
        raise ReceiptError(field, f"{label}不能晚于今天。")
    facts = {field: day.isoformat()}
    if arrived is not None:
        if arrived > today:
            raise ReceiptError("arrived", "到达日期不能晚于今天。")
        facts["arrived"] = arrived.isoformat()
        if channel == Channel.ORDINARY_MAIL and arrived != day:
            raise ReceiptError(
                "confirmed",
                f"平常信函应当于收到申请的当日与申请人确认（第三十一条第（二）项）：信函{arrived:%Y-%m-%d}"
                f"到达，确认日期应为同一天。",
            )
        if day < arrived:
            raise ReceiptError(field, f"{label}不能早于到达日期。")
    elif channel == Channel.ORDINARY_MAIL:
        raise ReceiptError("arrived", "平常信函请填写信函到达日期（应与确认日期为同一天）。")
    return Receipt(day, facts, RULES[channel])
