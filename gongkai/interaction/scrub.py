"""Personal data out of a message before its question and answer are published, as pure functions.

``scrub`` replaces what a pattern can find: 居民身份证号码 (18 digits, or the old 15), mobile and
fixed-line telephone numbers, e-mail addresses, vehicle plates (车牌号: a complaint about a taxi
names one, and it points at a driver) and the asker's own name wherever it appears. Staff read
the result and edit it (an address or a neighbour's name needs a person); ``findings`` is checked
again when they publish, so nothing a pattern can find reaches the portal.

Full-width digits (１３８…) are matched as well as half-width ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

D = "[0-9０-９]"
SEP = r"[\s\-－—]?"

NAME_MARK = "×××"
REPLACEMENTS = {
    "id_number": "（身份证号码已隐去）",
    "email": "（电子邮箱已隐去）",
    "phone": "（电话号码已隐去）",
    "plate": "（车牌号已隐去）",
    "long_number": "（号码已隐去）",
}
LABELS = {
    "id_number": "身份证号码",
    "email": "电子邮箱",
    "phone": "电话号码",
    "plate": "车牌号",
    "long_number": "长串号码（如银行卡号）",
    "name": "留言人姓名",
}

# Order matters: the longest and most specific patterns first, so that an ID number is not
# half-eaten by the phone pattern.
PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "id_number",
        re.compile(
            rf"(?<![0-9０-９])(?:{D}{{6}}(?:19|20|１９|２０){D}{{2}}{D}{{4}}{D}{{3}}[0-9０-９XxＸｘ]"
            rf"|{D}{{15}})(?![0-9０-９])"
        ),
    ),
    ("email", re.compile(r"[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")),
    (
        "phone",
        re.compile(
            rf"(?<![0-9０-９])(?:(?:\+?86{SEP})?[1１][3-9３-９]{D}{SEP}{D}{{4}}{SEP}{D}{{4}}"
            rf"|[0０]{D}{{2,3}}{SEP}{D}{{7,8}})(?![0-9０-９])"
        ),
    ),
    (
        "plate",
        re.compile(
            r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
            r"[A-HJ-NP-Za-hj-np-zＡ-Ｚ][·•.\s]?[A-HJ-NP-Z0-9Ａ-Ｚ０-９]{5,6}(?![A-Za-z0-9])"
        ),
    ),
    ("long_number", re.compile(rf"(?<![0-9０-９]){D}{{11,}}(?![0-9０-９])")),
]


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of LABELS
    text: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def _names(names: list[str]) -> list[str]:
    """The asker's names worth looking for: two characters or more, longest first."""
    found = {"".join((n or "").split()) for n in names}
    return sorted((n for n in found if len(n) >= 2), key=len, reverse=True)


def _protect(text: str, keep) -> tuple[str, dict[str, str]]:
    """Hide the strings to keep (the agency's own public telephone) behind placeholders."""
    slots = {}
    for index, value in enumerate(v for v in keep if v and v.strip()):
        slot = f"\x00{index}\x00"
        if value in text:
            text = text.replace(value, slot)
            slots[slot] = value
    return text, slots


def _restore(text: str, slots: dict[str, str]) -> str:
    for slot, value in slots.items():
        text = text.replace(slot, value)
    return text


def findings(text: str, names: list[str] = (), keep: list[str] = ()) -> list[Finding]:
    """Every piece of personal data a pattern finds in ``text`` (and the asker's names).
    ``keep``: public numbers that are not personal data (the agency's own telephone)."""
    found: list[Finding] = []
    rest, _ = _protect(text or "", keep)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(rest):
            found.append(Finding(kind, match.group(0)))
        rest = pattern.sub(" ", rest)
    for name in _names(list(names)):
        if name in rest:
            found.append(Finding("name", name))
    return found


def scrub(text: str, names: list[str] = (), keep: list[str] = ()) -> str:
    """``text`` with every finding replaced by a marker staff can see and the public understands."""
    result, slots = _protect(text or "", keep)
    for kind, pattern in PATTERNS:
        result = pattern.sub(REPLACEMENTS[kind], result)
    for name in _names(list(names)):
        result = result.replace(name, NAME_MARK)
    return _restore(result, slots)
