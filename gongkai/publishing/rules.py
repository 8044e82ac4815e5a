"""The statutory and house rules of 主动公开, as pure functions (no database access)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from gongkai.workdays.rules import WorkCalendar, add_working_days

from .choices import PUBLISHABLE, Disclosure, Validity

# --- 发文字号 (GB/T 9704-2012 §7.2.5) --------------------------------------------------------

_BRACKETS = "〔〕[]【】()（）［］{}｛｝〈〉<>《》「」『』﹝﹞"
_DOC_NUMBER = re.compile(r"^(?P<prefix>[^\s〔〕\d]+)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")
_LOOSE = re.compile(
    r"^(?P<prefix>.*?)\s*[〔\[【(（［{｛〈<《「『﹝]?\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]】)）］}｝〉>》」』﹞]?\s*第?\s*(?P<serial>\d+)\s*号?$"
)


class DocNumberError(ValueError):
    """A 文号 that breaks GB/T 9704-2012, with the corrected form when one can be inferred."""

    def __init__(self, message: str, suggestion: str | None = None):
        self.suggestion = suggestion
        super().__init__(message if suggestion is None else f"{message}应为“{suggestion}”。")


@dataclass(frozen=True)
class DocNumber:
    prefix: str  # 机关代字
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def parse_doc_number(text: str) -> DocNumber:
    """Validate a 发文字号: 机关代字 + 〔年份全称〕 + 顺序号 + 号 (GB/T 9704-2012 §7.2.5).

    The year sits in 六角括号 〔〕 (not [] () 【】); the serial has no 第 and no leading zeros.
    Common mistakes raise ``DocNumberError`` carrying the corrected form.
    """
    raw = text
    text = text.strip()
    exact = _DOC_NUMBER.match(text)
    if exact:
        return DocNumber(exact["prefix"], int(exact["year"]), int(exact["serial"]))
    loose = _LOOSE.match(text)
    if not loose or not loose["prefix"].strip(" " + _BRACKETS):
        raise DocNumberError(
            f"文号“{raw}”不符合 GB/T 9704-2012 格式：应为“机关代字〔年份〕序号号”，如“泉交办〔2020〕19号”。"
        )
    prefix = loose["prefix"].strip(" " + _BRACKETS)
    serial = int(loose["serial"])
    suggestion = str(DocNumber(prefix, int(loose["year"]), serial))
    problems = []
    after_prefix = text[len(loose["prefix"]) :]
    if "〔" not in text or "〕" not in text:
        problems.append("年份须用六角括号“〔〕”")
    if re.search(r"第\s*\d", after_prefix):
        problems.append("序号前不加“第”")
    if re.search(r"[〕\]】)）］}｝〉>》」』﹞]\s*第?\s*0\d", after_prefix) or re.search(
        r"\d{4}\D*?0\d+\s*号", after_prefix
    ):
        problems.append("序号不编虚位（不加前导0）")
    if not text.endswith("号"):
        problems.append("序号后须加“号”")
    if any(ch in string.whitespace for ch in text):
        problems.append("文号中不能有空格")
    if serial == 0:
        raise DocNumberError(f"文号“{raw}”的序号不能为0。")
    reason = "，".join(problems) or "格式不规范"
    raise DocNumberError(f"文号“{raw}”{reason}，", suggestion)


# --- Deadlines ----------------------------------------------------------------------------


def publication_due(formed: date, limit_days: int, cal: WorkCalendar) -> date:
    """条例第二十六条: 主动公开 within 20 working days of the information being formed or changed
    (a catalogue entry may set another limit where a law does)."""
    return add_working_days(formed, limit_days, cal)


def handover_due(formed: date, cal: WorkCalendar, days: int = 10) -> date:
    """House rule (seed 004 二(四)): units hand items to the disclosure office within 10 working
    days of forming them, leaving the office time within the statutory 20."""
    return add_working_days(formed, days, cal)


def term_problems(
    *,
    normative: bool,
    effective: date | None,
    long_term: bool,
    valid_until: date | None,
    for_submission: bool,
) -> dict[str, str]:
    """施行日期 and 有效期 of 规章 and 行政规范性文件 (seed 004; the 表二 现行有效 count reads
    them): a 规范性文件 states when it takes effect and either the last day it is valid or that
    it is 长期有效 — not both; the 有效期 does not end before it takes effect."""
    problems: dict[str, str] = {}
    if long_term and valid_until:
        problems["long_term"] = "已填写有效期至的文件不能同时勾选长期有效，请二选一。"
    if effective and valid_until and valid_until < effective:
        problems["valid_until"] = (
            f"有效期至（{valid_until:%Y-%m-%d}）不能早于施行日期（{effective:%Y-%m-%d}）。"
        )
    if normative and for_submission:
        if effective is None:
            problems.setdefault("effective_date", "行政规范性文件须标明施行日期。")
        if not long_term and valid_until is None:
            problems.setdefault(
                "valid_until", "行政规范性文件须标明有效期：请填写有效期至，或勾选长期有效。"
            )
    return problems


def interpretation_due(policy_published: date, cal: WorkCalendar, days: int = 3) -> date:
    """三同步 (seed 003 一(一), seed 004 二(五)): a policy's interpretation is published with it,
    at the latest within ``days`` working days of the policy."""
    return add_working_days(policy_published, days, cal)


def synchronised_release_problem(
    *, needs_interpretation: bool, interpretation_statuses: list[str]
) -> str:
    """三同步 (同步组织、同步审签、同步部署; seed 003 一(一), seed 004 二(五)): a policy marked as
    needing an interpretation goes out only when an interpretation of it is published already or
    is in review alongside it (to follow within the limit of ``interpretation_due``). The reason
    in Chinese, or "" when it may go out."""
    if not needs_interpretation:
        return ""
    statuses = set(interpretation_statuses)
    if statuses & {"published", "in_review"}:
        return ""
    if statuses & {"draft", "returned"}:
        return (
            "该文件标注“需要政策解读”，其解读尚未提交审核。按照“三同步”要求（同步组织、同步审签、"
            "同步部署），请先将政策解读提交审核，再发布本文件。"
        )
    return (
        "该文件标注“需要政策解读”，但尚无关联的政策解读。按照“三同步”要求（同步组织、同步审签、"
        "同步部署），请在“政策解读”栏目拟写解读（选择本文件为所解读的政策文件）并提交审核后，"
        "再发布本文件；确不需要解读的，请退回拟稿人取消“需要政策解读”。"
    )


def interpretation_order_problem(*, policy_title: str, policy_status: str | None) -> str:
    """三同步: an interpretation is published with its policy or after it, never before — the
    public would read the explanation of a document it cannot see. "" when it may go out."""
    if policy_status is None or policy_status == "published":
        return ""
    return (
        f"所解读的政策文件《{policy_title}》尚未发布。政策解读须与文件同步或在其后发布"
        "（三同步），请待文件发布后再通过。"
    )


# --- 公开属性 --------------------------------------------------------------------------------


def disclosure_problems(disclosure: str, ground: str, explanation: str) -> dict[str, str]:
    """Why an item may not go forward with this 公开属性 (seed 004 二(三): 退文 without reasons).

    Anything other than 主动公开 needs one of the eight statutory grounds and an explanation.
    """
    problems: dict[str, str] = {}
    if disclosure == Disclosure.ACTIVE:
        if ground:
            problems["withhold_ground"] = "主动公开的信息不需要选择不公开理由。"
        return problems
    label = Disclosure(disclosure).label
    if not ground:
        problems["withhold_ground"] = f"公开属性为“{label}”时，必须选择不公开理由（法定情形）。"
    if not explanation.strip():
        problems["withhold_explanation"] = f"公开属性为“{label}”时，必须说明理由和依据。"
    return problems


def is_publishable(disclosure: str) -> bool:
    return disclosure in PUBLISHABLE


# --- 索引号 ---------------------------------------------------------------------------------

INDEX_FIELDS = {"agency", "category", "year", "serial"}


def index_format_problems(layout: str) -> list[str]:
    """Check a 索引号 layout such as ``{agency}-{category}-{year}-{serial:05d}``."""
    problems = []
    names = {f[1] for f in string.Formatter().parse(layout) if f[1]}
    unknown = names - INDEX_FIELDS
    if unknown:
        problems.append(f"未知字段：{', '.join(sorted(unknown))}")
    for required in ("agency", "year", "serial"):
        if required not in names:
            problems.append(f"缺少字段 {{{required}}}")
    return problems


def format_index_number(layout: str, *, agency: str, category: str, year: int, serial: int) -> str:
    return layout.format(agency=agency, category=category, year=year, serial=serial)


def index_scope_uses_category(layout: str) -> bool:
    """Serials count per category when the layout shows the category, else per agency and year."""
    return any(f[1] == "category" for f in string.Formatter().parse(layout))


# --- 有效性 of 规章 and 行政规范性文件 -----------------------------------------------------------


def in_force_on(validity: str, valid_until: date | None, repealed_date: date | None, day: date):
    """Whether a 规章 or 行政规范性文件 is 现行有效 on ``day`` (the annual report's 表二 counts those
    in force on 31 December): not repealed by then (a 已废止 document without its 废止日期 is out),
    and its 有效期 not ended (有效期至 is the last day in force; a 已失效 one without it is out)."""
    if repealed_date is not None and repealed_date <= day:
        return False
    if valid_until is not None and valid_until < day:
        return False
    if validity == Validity.REPEALED and repealed_date is None:
        return False
    return not (validity == Validity.EXPIRED and valid_until is None)


def validity_problems(
    validity: str, valid_until: date | None, repealed_date: date | None, written: date | None
) -> dict[str, str]:
    """Field problems of a policy document's 有效性 (Chinese messages, by field)."""
    problems: dict[str, str] = {}
    if validity == Validity.REPEALED and not repealed_date:
        problems["repealed_date"] = "已废止的文件必须填写废止日期。"
    if validity == Validity.EXPIRED and not valid_until:
        problems["valid_until"] = "已失效的文件必须填写有效期至（有效期的最后一天）。"
    if valid_until and written and valid_until < written:
        problems["valid_until"] = "有效期至不能早于成文日期。"
    if repealed_date and written and repealed_date < written:
        problems["repealed_date"] = "废止日期不能早于成文日期。"
    return problems
