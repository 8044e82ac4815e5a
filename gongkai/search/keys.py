"""Lookup keys for 文号 and 索引号: every way people write one reduces to the same key.

A 发文字号 is written 示交〔2025〕201号 (GB/T 9704-2012), but people type the brackets they have
on a keyboard — 示交[2025]201号, 示交（2025）201号, 示交【2025】201号 — with or without 号 or 第, with
full-width digits or spaces inside; older documents put 字 and 第 in (示交字〔2005〕第12号), or the
year first (2005年示交字第12号, 〔2005〕示交12号). All of them key to ``示交〔2025〕201``: the 机关代字
without its 字, the year, the serial without leading zeros. A 索引号 keys to its letters and digits
in upper case, its separators dropped (SX120-QT-2026-00012 = sx120 qt 2026 00012 = SX120－QT…).

Pure functions: the indexer stores the keys beside each entry, the search looks the query's key up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# After NFKC: （）［］｛｝ became ()[]{}; ﹝﹞ became 〔〕. The rest stay as they are.
_OPEN = r"[\[(〔【{〈<《「『]"
_CLOSE = r"[\])〕】}〉>》」』]"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SERIAL = r"(?P<serial>\d{1,6})"
# The 机关代字: no digit, no bracket, at most 20 characters.
_PREFIX = r"(?P<prefix>[^\d\[\]()〔〕【】{}〈〉<>《》「」『』]{1,20}?)"

_PREFIX_FIRST = re.compile(rf"^{_PREFIX}字?{_OPEN}?{_YEAR}{_CLOSE}?年?(?:字)?第?{_SERIAL}号?$")
_YEAR_FIRST = re.compile(rf"^{_OPEN}?{_YEAR}{_CLOSE}?年?{_PREFIX}字?第?{_SERIAL}号?$")
# 示交字第12号, 国务院令第708号, 国务院令708号: no year, but 第 or 号 says it is a number.
_NO_YEAR = re.compile(rf"^{_PREFIX}字?(?P<di>第)?{_SERIAL}(?P<hao>号)?$")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_INDEX_CHARS = re.compile(r"[0-9A-Z\u3400-\u4dbf\u4e00-\u9fff]")
_INDEX_TAIL = re.compile(r"^(?P<head>.*?)(?P<serial>\d+)$")

KEY_MAX = 120


@dataclass(frozen=True)
class DocKey:
    prefix: str
    year: int | None
    serial: int

    def __str__(self) -> str:
        # The serial zero-padded: keys of one 代字 and year sort in the order of their serials.
        return f"{self.head}{self.serial:06d}"

    @property
    def head(self) -> str:
        """The key up to the serial: every document of this 代字 and year starts with it."""
        return f"{self.prefix}〔{self.year or ''}〕"

    def with_year(self, year: int | None) -> DocKey:
        return DocKey(self.prefix, year, self.serial)


def _compact(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def parse_doc_key(text: str) -> DocKey | None:
    """The parts of a 文号 however it is written, or None when it does not look like one."""
    compact = _compact(text)
    if not compact or len(compact) > 40 or not _CJK.search(compact):
        return None
    for pattern in (_PREFIX_FIRST, _YEAR_FIRST, _NO_YEAR):
        match = pattern.match(compact)
        if match is None:
            continue
        groups = match.groupdict()
        if "di" in groups and not (groups["di"] or groups["hao"]):
            continue
        prefix = match["prefix"].removesuffix("字").removesuffix("第")
        if not prefix or not _CJK.search(prefix) or prefix.endswith("年"):
            continue
        year = int(groups["year"]) if groups.get("year") else None
        serial = int(match["serial"])
        if serial == 0:
            continue
        return DocKey(prefix, year, serial)
    return None


def doc_key(text: str | None) -> str | None:
    """The lookup key of a 文号 (None for none). One that follows no known form keys to its
    compact normal form, so that the same characters typed again still find it."""
    if not text or not text.strip():
        return None
    parsed = parse_doc_key(text)
    key = str(parsed) if parsed else "=" + _compact(text)
    return key[:KEY_MAX]


def index_key(text: str | None) -> str | None:
    """The lookup key of a 索引号: its letters, digits and CJK characters, upper case."""
    if not text:
        return None
    key = "".join(_INDEX_CHARS.findall(unicodedata.normalize("NFKC", text).upper()))
    return key[:KEY_MAX] or None


def looks_like_index_number(text: str) -> bool:
    """Digits with letters or separators, no spaces between words: worth a 您是不是要找."""
    compact = _compact(text)
    return (
        6 <= len(compact) <= 60
        and any(ch.isdigit() for ch in compact)
        and sum(ch.isdigit() for ch in compact) >= 4
        and bool(_INDEX_TAIL.match(index_key(compact) or ""))
    )


def index_parts(key: str) -> tuple[str, int] | None:
    """(the key before its final serial, the serial) of an index key ending in digits. The
    separators are gone, so the serial includes the year's digits when they precede it: keys of
    one head and length still sort in the order of their serials."""
    match = _INDEX_TAIL.match(key)
    if not match or not match["head"]:
        return None
    return match["head"], int(match["serial"])
