"""Chinese segmentation for the index and for queries (rjieba: jieba's dictionary, in Rust).

Each document is indexed twice over: as words (jieba's search-mode cut, so 交通运输 also yields 交通
and 运输) for ranking, and as a sequence of single characters so that one- and two-character
queries (路, 公开) and any exact substring can be found as a phrase of characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import rjieba

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_RUN = re.compile(r"[0-9a-z]+")
_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9a-z]+")
#: A token as FTS5's unicode61 tokenizer reads one: a run of letters and digits (every other
#: character separates). jieba keeps some words whole across a mark (66.97, 2024-948104-97,
#: a_b); they are split into these runs, so that PostgreSQL's lexemes are the very tokens
#: SQLite indexes (a search for 97 finds 66.97万元 on both) and a query is read the same way.
_TOKEN = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case (NFKC): ＡＢＣ１２３ → abc123."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _tokens(cut) -> list[str]:
    # isalnum() answers for almost every word at C speed (a CJK character is alphanumeric);
    # the pattern splits the rest (a word with a mark in it) and drops punctuation and spaces.
    out = []
    for w in cut:
        if w.isalnum():
            out.append(w)
        else:
            out.extend(_TOKEN.findall(w))
    return out


def words(text: str) -> list[str]:
    """Search-mode words, as FTS5's tokenizer reads them (no punctuation or spaces; a word
    with a mark in it in its runs of letters and digits)."""
    return _tokens(rjieba.cut_for_search(normalise(text)))


def characters(text: str) -> list[str]:
    """Single CJK characters in order, with runs of ASCII letters and digits kept whole."""
    return _CHARACTER.findall(normalise(text))


@lru_cache(maxsize=2048)
def query_terms(query: str) -> tuple[str, ...]:
    """A query's terms: jieba's precise cut (not search mode), read as words() reads a
    document's (66.97 is the terms 66 and 97)."""
    return tuple(_tokens(rjieba.cut(normalise(query))))


def is_single_cjk(term: str) -> bool:
    return len(term) == 1 and bool(_CJK.match(term))


#: Where a document's character pairs (pairs()) have no pair: a run of letters or digits on
#: either side. FTS5 reads it as a token, so the pairs keep their places (a phrase of pairs
#: cannot jump a gap); characters() never yields it, so no query asks for it.
PAIR_GAP = "〇"


def pairs(chars: list[str]) -> list[str | None]:
    """Each character of characters() with the next (公路养管: 公路 路养 养管), in place: the
    k-th is the pair that starts at the k-th character, None where either is a run of letters
    or digits. A phrase of n characters is the phrase of its n − 1 pairs: the lookup of a rare
    pair, where the characters' phrase reads the positions of every 公 and every 路."""
    return [
        a + b if len(a) == 1 and len(b) == 1 and a >= "\u3400" and b >= "\u3400" else None
        for a, b in pairwise(chars)
    ]


def pairs_of(chars: tuple[str, ...]) -> tuple[str, ...] | None:
    """A query phrase's pairs, or None when it is not two or more CJK characters."""
    found = pairs(list(chars))
    return tuple(found) if found and all(found) else None
