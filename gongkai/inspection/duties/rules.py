"""The 条例's yearly duties as pure functions: no database, ``today`` is an argument.

- 第四十四条: "多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，
  行政机关可以纳入主动公开的范围。" → :func:`frequent_requests`.
- 第十八条: "对本行政机关不予公开的政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当
  公开。" → :func:`withheld_review_due`.
- 规范性文件的有效性 (表二 第二十条第（一）项 counts 现行有效): :func:`validity_flag`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import rjieba

from gongkai.applications.choices import Result
from gongkai.interaction.rules import add_months
from gongkai.publishing.choices import Validity

#: Defaults, each overridable in settings.GONGKAI_INSPECTION_THRESHOLDS (selectors.thresholds).
DUTY_DEFAULTS = {
    # 第四十四条 says 多个申请人; three distinct applicants make "several" here.
    "frequent_request_applicants": 3,
    # Applications answered within the last 12 months count.
    "frequent_request_months": 12,
    # Two descriptions ask for the same information when ≥ half their content words are shared.
    "frequent_request_similarity": 0.5,
    # House rule: the office decides on a suggestion within 20 working days of it arising.
    "frequent_request_days": 20,
    # 第十八条 says 定期; yearly, as the annual report and seed 004 二(七) do.
    "withheld_review_months": 12,
    # Workbench: 第十八条 reviews show this many days before they are due.
    "withheld_review_notice_days": 30,
    # 第二十六条: a change to 主动公开 information is published within 20 working days.
    "validity_update_days": 20,
}

#: 表三 results whose answer disclosed the information (予以公开, 部分公开): it is 可以公开.
DISCLOSING_RESULTS = frozenset({Result.DISCLOSED, Result.PARTIAL})
#: The answer option of 第三十六条第（一）项: the information is 主动公开 already.
ALREADY_PUBLIC_OPTION = "published"


# --- 第四十四条: the same information, asked for by several applicants ------------------------


@dataclass(frozen=True)
class Request:
    """One application, as much of it as the grouping needs."""

    id: int
    applicant: str  # who asked (a normalised identity number): one person counts once
    description: str  # 所需信息的名称、文号或特征性描述
    result: str  # the 表三 result
    answered: date | None
    already_public: bool = False  # answered under 第三十六条第（一）项


@dataclass(frozen=True)
class Suggestion:
    """Information that ``applicants`` distinct applicants asked for and were given: a candidate
    for 主动公开 (第四十四条)."""

    requests: tuple[Request, ...]  # by answer date
    applicants: int
    title: str  # the information, as a title for the draft
    since: date  # the answer that made it ``min_applicants`` distinct applicants

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(r.id for r in self.requests)

    @property
    def key(self) -> int:
        """The group's first application: how pages and findings name the group."""
        return min(self.ids)


_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[【(（［]\s*((?:19|20)\d{2})\s*[〕\]】)）］]\s*第?\s*0*(\d+)\s*号"
)
_TITLE = re.compile(r"《([^《》]{2,120})》")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORDISH = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff]")

#: Words every request has ("申请公开……的相关信息"): they say nothing about which information.
STOP_WORDS = frozenset(
    """申请 公开 提供 获取 要求 请求 本人 我们 相关 有关 关于 信息 政府 政府信息 情况 内容 资料
    文件 材料 具体 以及 及其 是否 哪些 什么 如何 一份 复印件 复印 查阅 了解 希望 依法 予以 所有
    全部 包括 贵局 贵单位 贵机关 贵委 贵办 该局 相应 涉及 书面 电子版 纸质 副本 原件 告知""".split()
)


def normalise(text: str) -> str:
    """Full-width → half-width, lower case, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text or "").lower().split())


def doc_numbers(text: str) -> frozenset[str]:
    """The 发文字号 named in a description, in one spelling whatever the brackets or 第 and
    leading zeros. The 机关代字 is cut to its last two characters: a description runs into it
    ("请公开泉交办〔2020〕19号") and there is no telling where the 代字 starts."""
    found = set()
    for prefix, year, serial in _DOC_NUMBER.findall(unicodedata.normalize("NFKC", text or "")):
        found.add(f"{prefix[-2:]}〔{year}〕{int(serial)}号")
    return frozenset(found)


def titles(text: str) -> frozenset[str]:
    """The titles named in 《》."""
    return frozenset(normalise(t) for t in _TITLE.findall(text or "") if normalise(t))


def content_words(text: str) -> frozenset[str]:
    """The words that say which information is asked for: jieba's cut without punctuation, single
    characters and the words every request has (:data:`STOP_WORDS`). Years and numbers stay:
    2024年 and 2025年 are different information."""
    return frozenset(
        word
        for word in rjieba.cut(normalise(text))
        if len(word) >= 2 and _WORDISH.search(word) and word not in STOP_WORDS
    )


def search_words(text: str) -> frozenset[str]:
    """As :func:`content_words`, with jieba's search-mode cut (行政许可 also yields 许可): for
    matching a description to a catalogue column's name and 公开内容."""
    return frozenset(
        word
        for word in rjieba.cut_for_search(normalise(text))
        if len(word) >= 2 and _WORDISH.search(word) and word not in STOP_WORDS
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass(frozen=True)
class _Described:
    doc_numbers: frozenset[str]
    titles: frozenset[str]
    words: frozenset[str]


def _describe(text: str) -> _Described:
    return _Described(doc_numbers(text), titles(text), content_words(text))


def _same_title(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def same_information(a: str, b: str, threshold: float = 0.5) -> bool:
    """Whether two descriptions ask for the same information: the same 文号 if both name one;
    else the same 《title》 if both name one (one title may hold the other: 《示例县…方案》 and
    《…方案》); else at least ``threshold`` of their content words shared (Jaccard)."""
    return _same(_describe(a), _describe(b), threshold)


def _same(a: _Described, b: _Described, threshold: float) -> bool:
    if a.doc_numbers and b.doc_numbers:
        return bool(a.doc_numbers & b.doc_numbers)
    if a.titles and b.titles:
        return _same_title(a.titles, b.titles)
    return jaccard(a.words, b.words) >= threshold


def frequent_requests(
    requests: Iterable[Request],
    *,
    today: date,
    min_applicants: int = 3,
    months: int = 12,
    threshold: float = 0.5,
) -> list[Suggestion]:
    """条例第四十四条: the information at least ``min_applicants`` distinct applicants asked one
    agency for, and were given (予以公开 or 部分公开: it 属于可以公开的), in answers of the last
    ``months`` months, that is not 主动公开 already. One suggestion per piece of information,
    most applicants first.

    Applications are linked when :func:`same_information` holds for a pair; a group is what is
    linked, directly or through others. Answers that withheld the information, could not provide
    it or did not process the request do not count.
    """
    start = add_months(today, -months)
    counted = [
        r
        for r in requests
        if r.result in DISCLOSING_RESULTS
        and r.answered is not None
        and start <= r.answered <= today
        and not r.already_public
    ]
    counted.sort(key=lambda r: (r.answered, r.id))
    described = [_describe(r.description) for r in counted]
    parent = list(range(len(counted)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(counted)):
        for j in range(i + 1, len(counted)):
            if find(i) != find(j) and _same(described[i], described[j], threshold):
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(counted)):
        groups.setdefault(find(i), []).append(i)
    suggestions = []
    for members in groups.values():
        group = tuple(counted[i] for i in members)
        applicants = len({r.applicant for r in group})
        if applicants < min_applicants:
            continue
        suggestions.append(
            Suggestion(
                requests=group,
                applicants=applicants,
                title=proposed_title([r.description for r in group]),
                since=_reached(group, min_applicants),
            )
        )
    suggestions.sort(key=lambda s: (-s.applicants, s.since, s.key))
    return suggestions


def _reached(group: tuple[Request, ...], n: int) -> date:
    """The answer date on which the group reached ``n`` distinct applicants."""
    seen: set[str] = set()
    for r in group:
        seen.add(r.applicant)
        if len(seen) >= n:
            return r.answered
    return group[-1].answered


_LEAD_IN = re.compile(
    r"^(?:本人|我们|我)?(?:现|特)?(?:向贵[局委办单位机关]+)?"
    r"(?:依法)?(?:申请|要求|请求|请)?(?:公开|提供|获取|查阅|复制)*(?:贵[局委办单位机关]+)?(?:的|关于)?"
)
_TAIL = re.compile(r"(?:的)?(?:相关|有关)?(?:政府)?(?:信息|资料|材料)?[。；;，,.!！]*$")


def proposed_title(descriptions: list[str]) -> str:
    """A title for the draft: the 《title》 most of them name, else the description most like
    the others, without the request's lead-in ("申请公开…") and tail ("…的相关信息")."""
    named = Counter(t for d in descriptions for t in _TITLE.findall(d or ""))
    if named:
        return named.most_common(1)[0][0].strip()[:300]
    words = [content_words(d) for d in descriptions]
    best = max(
        range(len(descriptions)),
        key=lambda i: (sum(jaccard(words[i], w) for w in words), -len(descriptions[i])),
    )
    text = " ".join((descriptions[best] or "").split())
    trimmed = _TAIL.sub("", _LEAD_IN.sub("", text, count=1)).strip()
    return (trimmed or text)[:300]


def pending(
    suggestions: Iterable[Suggestion], decided: Iterable[Iterable[int]]
) -> list[Suggestion]:
    """The suggestions still to decide: a decided group does not come back unless applications
    that no decision covered have joined it."""
    covered: set[int] = set()
    for ids in decided:
        covered.update(ids)
    return [s for s in suggestions if not s.ids <= covered]


def frequent_request_note(numbers: list[str], applicants: int) -> str:
    """Why the draft was made: the history of the item says it."""
    return (
        f"条例第四十四条：{applicants}名申请人就相同政府信息提出公开申请，且已予以公开或部分公开，"
        f"纳入主动公开范围。申请编号：{'、'.join(numbers)}。"
    )


# --- 第十八条: periodic review of what is not disclosed ------------------------------------------


def withheld_review_due(decided: date, last_review: date | None, months: int = 12) -> date:
    """条例第十八条: 不予公开的政府信息 are reviewed periodically (定期评估审查) — here every
    ``months`` months from the decision not to disclose, or from the last review."""
    return add_months(last_review or decided, months)


def is_due(due: date, today: date) -> bool:
    """Due on its day, and every day after."""
    return today >= due


# --- 规范性文件的有效性 -------------------------------------------------------------------------


@dataclass(frozen=True)
class ValidityFlag:
    since: date  # the first day the document was no longer in force as marked
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def validity_flag(
    *,
    validity: str,
    valid_until: date | None,
    repealed_date: date | None,
    replaced_on: date | None,
    replaced_by_title: str = "",
    today: date,
) -> ValidityFlag | None:
    """Why a 规章/行政规范性文件 still marked 有效 needs its 有效性 updated, or None: its 有效期
    ended (有效期至 is the last day in force: flagged from the day after), its 废止日期 came, or
    the document that replaces it was published (``replaced_on``). The office updates it (a 变更
    of 主动公开 information: 第二十六条) and the document leaves 表二's 现行有效."""
    if validity != Validity.VALID:
        return None
    found: list[tuple[date, str]] = []
    if valid_until is not None and today > valid_until:
        found.append((valid_until + timedelta(days=1), f"有效期至{valid_until:%Y-%m-%d}，已届满"))
    if repealed_date is not None and today >= repealed_date:
        found.append((repealed_date, f"已于{repealed_date:%Y-%m-%d}废止"))
    if replaced_on is not None and today >= replaced_on:
        named = f"《{replaced_by_title}》" if replaced_by_title else "新文件"
        found.append((replaced_on, f"已由{named}替代（{replaced_on:%Y-%m-%d}发布）"))
    if not found:
        return None
    return ValidityFlag(min(d for d, _ in found), tuple(text for _, text in found))
