"""Chinese segmentation for the index and for queries (rjieba: jieba's dictionary, in Rust).

Each document is indexed twice over: as words (jieba's search-mode cut, so 交通运输 also yields 交通
and 运输) for ranking, and as a sequence of single characters so that one- and two-character
queries (路, 公开) and any exact substring can be found as a phrase of characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import rjieba

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORDISH = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff]", re.UNICODE)
_ASCII_RUN = re.compile(r"[0-9a-z]+")
_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9a-z]+")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case (NFKC): ＡＢＣ１２３ → abc123."""
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str) -> list[str]:
    """Search-mode words, without punctuation and spaces."""
    # isalnum() answers for almost every word at C speed (a CJK character is alphanumeric);
    # the pattern decides the rest (a word with an underscore or a mark in it).
    return [w for w in rjieba.cut_for_search(normalise(text)) if w.isalnum() or _WORDISH.search(w)]


def characters(text: str) -> list[str]:
    """Single CJK characters in order, with runs of ASCII letters and digits kept whole."""
    return _CHARACTER.findall(normalise(text))


@lru_cache(maxsize=2048)
def query_terms(query: str) -> tuple[str, ...]:
    """A query's terms: jieba's precise cut (not search mode), punctuation dropped."""
    return tuple(w for w in rjieba.cut(normalise(query)) if _WORDISH.search(w))


def is_single_cjk(term: str) -> bool:
    return len(term) == 1 and bool(_CJK.match(term))
