"""The statutory clock of 依申请公开, one pure function over the receipt date, the events and the
working-day calendar (no database access), explained step by step for staff and the CLI.

- 第三十三条第二款: answer within 20 working days of receipt (the receipt day is not counted).
- 第三十条: 补正 may be asked once, within 7 working days of receipt; the 20 days then run from the
  day the completed application is received; no completion by the deadline set → 视为放弃申请
  (表三 其他处理 1).
- 第三十二条 / 第三十四条: consulting a third party or another agency: they have 15 working days
  from the day they *received* the letter; the working days after the day it was sent, up to and
  including the day the answer came (or their 15 days ran out), are not counted (第三十三条第三款).
  Several consultations may run at once: a day is left out once, however many were open.
- 第三十三条第二款: one extension of at most 20 working days, approved by the head of the
  disclosure office before the due date, with notice to the applicant.
- 第三十五条: a reasonable later deadline set with reasons for large or repeated requests.
- 国办函〔2020〕109号《政府信息公开信息处理费管理办法》第七条: the notice is sent within the answer
  period; the applicant pays within the period (a setting, ``fee_payment_days``, working days)
  counted from the day they *received* the notice; unpaid by then → not processed (表三 其他处理
  2); the days from sending the notice to payment are not counted in the answer period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.workdays.rules import WorkCalendar, add_working_days, working_days_between

ANSWER_DAYS = 20
SUPPLEMENT_WINDOW = 7
CONSULT_DAYS = 15
MAX_EXTENSION = 20


@dataclass(frozen=True)
class ClockEvent:
    kind: str  # supplement | consult | extension | later_deadline | fee
    start: date  # requested / sent / approved / set / notified on
    end: date | None = None  # supplement received / answer received / fee paid
    days: int | None = None  # extension length; consult limit; supplement deadline (days)
    until: date | None = None  # supplement deadline set for the applicant; later deadline
    received: date | None = None  # the consulted party / the applicant received the letter
    seq: int = 0  # the order of steps taken on the same day (they are applied in that order)


@dataclass
class Deadline:
    due: date | None
    steps: list[str] = field(default_factory=list)
    running: bool = True  # False while waiting on the applicant (补正, 缴费)
    provisional: bool = False  # a consultation is still open: the due date may come earlier
    abandoned: str | None = None  # "other_1" or "other_2" when the applicant let it lapse
    uncovered: int | None = None  # the year whose 节假日安排 is missing, when no date can be had


def arrangement_words(year: int) -> str:
    """How a date that falls in a year nobody has entered yet is fixed, for letters and the
    public page: true whether the State Council's notice is out or not."""
    return f"具体日期按国务院办公厅公布的{year}年部分节假日安排计算"


def due_words(deadline: Deadline | None, *, kind: str = "") -> str:
    """A due date no one can name, as a letter states it: "（暂停计时）" while waiting on the
    applicant (补正, 缴费); or, when it falls in a year that has no arrangement yet, what it is
    and how it will be fixed, never a guessed date. ``kind`` "receipt": nothing has stopped or
    moved the clock yet, so it is the 20th working day after receipt (第三十三条第一款)."""
    if deadline is not None and deadline.uncovered is not None:
        how = arrangement_words(deadline.uncovered)
        if kind == "receipt":
            return f"收到申请之日起第{ANSWER_DAYS}个工作日，{how}"
        return how
    return "（暂停计时）"


def _fmt(day: date) -> str:
    return day.isoformat()


def supplement_refusal(
    received: date, requested: date, earlier: int, cal: WorkCalendar
) -> str | None:
    """第三十条: 补正 once only, within 7 working days of receipt."""
    if earlier:
        return "补正只能告知一次（第三十条）。"
    if requested < received:
        return "补正告知日期不能早于收到申请之日。"
    used = working_days_between(received, requested, cal)
    if used > SUPPLEMENT_WINDOW:
        return f"补正须在收到申请之日起7个工作日内一次性告知（第三十条），现已过{used}个工作日。"
    return None


def extension_refusal(due: date, approved: date, days: int, earlier: int) -> str | None:
    """第三十三条第二款: one extension, at most 20 working days, approved before the due date."""
    if earlier:
        return "延期答复只能一次（第三十三条第二款）。"
    if not 1 <= days <= MAX_EXTENSION:
        return "延长的期限最长不得超过20个工作日（第三十三条第二款）。"
    if approved > due:
        return f"延期须在答复期限（{_fmt(due)}）届满前经政府信息公开工作机构负责人同意。"
    return None


def due_date(
    received: date,
    events: list[ClockEvent],
    cal: WorkCalendar,
    *,
    today: date | None = None,
    fee_payment_days: int = 20,
) -> Deadline:
    """The answer's due date after ``events`` (in date order), with every step explained."""
    due = add_working_days(received, ANSWER_DAYS, cal)
    result = Deadline(due=due)
    steps = result.steps
    steps.append(
        f"{_fmt(received)} 收到申请；答复期限为其后第20个工作日：{_fmt(due)}（第三十三条）。"
    )
    paused_until: date | None = None  # the last day already left out for a consultation
    for event in sorted(events, key=lambda e: (e.start, e.seq)):
        if event.kind == "supplement":
            deadline = event.until
            steps.append(
                f"{_fmt(event.start)} 告知补正（第三十条），停止计时"
                + (f"；补正期限 {_fmt(deadline)}" if deadline else "")
                + "。"
            )
            if event.end is None:
                result.due, result.running = None, False
                if deadline and today and today > deadline:
                    result.abandoned = "other_1"
                    steps.append(
                        f"{_fmt(deadline)} 补正期限届满未补正：视为放弃申请（表三 其他处理1）。"
                    )
                return result
            due = add_working_days(event.end, ANSWER_DAYS, cal)
            steps.append(
                f"{_fmt(event.end)} 收到补正后的申请；重新计算，答复期限为其后第20个工作日：{_fmt(due)}。"
            )
        elif event.kind == "consult":
            limit_days = event.days or CONSULT_DAYS
            counted_from = event.received or event.start
            limit = add_working_days(counted_from, limit_days, cal)
            receipt = (
                f"对方{_fmt(event.received)}收到"
                if event.received
                else "对方收到之日未登记，暂自发出之日计"
            )
            if event.received is None:
                result.provisional = True
            if event.end is not None:
                end, why = min(event.end, limit), f"{_fmt(min(event.end, limit))} 收到意见"
                if event.end > limit:
                    why = f"{_fmt(limit)} 征求意见期限届满"
            elif today is not None and today > limit:
                end, why = limit, f"{_fmt(limit)} 征求意见期限届满未答复"
            else:
                end, why = limit, f"征求意见尚未答复，暂按期限 {_fmt(limit)} 计"
                result.provisional = True
            start = max(event.start, paused_until) if paused_until else event.start
            paused = working_days_between(start, end, cal) if end > start else 0
            paused_until = max(end, paused_until) if paused_until else end
            due = add_working_days(due, paused, cal)
            overlap = "（与其他征求意见重叠的日期只计一次）" if start > event.start else ""
            steps.append(
                f"{_fmt(event.start)} 发出征求意见（第三十二条、第三十四条）；{receipt}，"
                f"{limit_days}个工作日至{_fmt(limit)}；{why}；不计算在内的{paused}个工作日"
                f"{overlap}顺延，答复期限为 {_fmt(due)}。"
            )
        elif event.kind == "extension":
            due = add_working_days(due, event.days or 0, cal)
            steps.append(
                f"{_fmt(event.start)} 经政府信息公开工作机构负责人同意延期{event.days}个工作日"
                f"（第三十三条第二款），答复期限为 {_fmt(due)}。"
            )
        elif event.kind == "later_deadline":
            due = event.until or due
            steps.append(f"{_fmt(event.start)} 依第三十五条确定延迟答复期限：{_fmt(due)}。")
        elif event.kind == "fee":
            if event.end is None:
                steps.append(
                    f"{_fmt(event.start)} 发出收费通知，停止计时（国办函〔2020〕109号第七条）。"
                )
                result.due, result.running = None, False
                if event.received is None:
                    steps.append("申请人收到收费通知之日尚未登记：缴费期限自收到之日起计算。")
                    return result
                pay_by = add_working_days(event.received, fee_payment_days, cal)
                steps.append(
                    f"{_fmt(event.received)} 申请人收到收费通知；缴费期限为其后第"
                    f"{fee_payment_days}个工作日：{_fmt(pay_by)}。"
                )
                if today and today > pay_by:
                    result.abandoned = "other_2"
                    steps.append(f"{_fmt(pay_by)} 逾期未缴费：不再处理（表三 其他处理2）。")
                return result
            paused = working_days_between(event.start, event.end, cal)
            due = add_working_days(due, paused, cal)
            steps.append(
                f"{_fmt(event.start)} 发出收费通知；{_fmt(event.end)} 缴费；"
                f"其间{paused}个工作日不计算在内，答复期限为 {_fmt(due)}。"
            )
    result.due = due
    return result


def fee_payment_due(received: date, cal: WorkCalendar, fee_payment_days: int = 20) -> date:
    """国办函〔2020〕109号第七条: pay within the period counted from receiving the notice."""
    return add_working_days(received, fee_payment_days, cal)
