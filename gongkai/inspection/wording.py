"""严重表述错误 in titles and bodies, as pure functions: the listed wrong phrases (WrongPhrase) and
names that differ from an agency's official name by one character (示例县交通运输厅 for
示例县交通运输局). Both are found in one pass over a text, however long the lists: the phrases are
compiled into one trie-shaped regular expression, and the agency names are found through exact
anchors (pigeonhole: a name with one character changed keeps its first or its second half).

A one-character difference is flagged only when it is clearly a wrong form of that agency, not
another body's correct name:

* the name has 6 characters or more, and the changed character lies after its region
  (示例县人民政府 vs 示例市人民政府 is another government), and is a Chinese character, not a
  level character (省市县区…);
* the other form is not the name (or short name) of any agency on the platform, nor, after the
  region, a common name of a government body (水务局 is as right as 水利局);
* a change of the last character must be to another kind of body (局 → 厅, 委, 办…) and not the
  start of an ordinary word (交通运输部门, 交通运输行业); a change inside the name needs at least
  four characters after the region (公安局 vs 公路局 are both bodies).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SPACES = re.compile(r"[^\S\n]+")


def normalise(text: str) -> str:
    """Spaces removed, line breaks kept (NFKC of whole bodies costs more than the search: the
    phrases match either width instead)."""
    return _SPACES.sub("", text or "")


def _either_width(char: str) -> str:
    """A character and its full-width or half-width twin: ( and （, 2 and ２."""
    half = unicodedata.normalize("NFKC", char)
    if len(half) == 1 and 0x21 <= ord(half) <= 0x7E:
        return "[" + re.escape(half) + re.escape(chr(ord(half) + 0xFEE0)) + "]"
    return re.escape(char)


def trie_pattern(words: Iterable[str], char_pattern=re.escape) -> str:
    """One regular expression matching any of ``words``, shaped as their trie (longest match
    wins): each position of a text costs a few comparisons, not one per word. ``char_pattern``
    turns a character into its pattern."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [
            char_pattern(char) + build(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(trie)


# --- Listed phrases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wrong:
    found: str  # as written (normalised)
    correct: str
    note: str = ""

    def describe(self) -> str:
        return f"“{self.found}”应为“{self.correct}”" + (f"（{self.note}）" if self.note else "")


class PhraseMatcher:
    """The listed wrong phrases, each with its correct form."""

    def __init__(self, phrases: Iterable[tuple[str, str, str]]):
        self.phrases = {_key(wrong): (correct, note) for wrong, correct, note in phrases}
        self.phrases.pop("", None)
        pattern = trie_pattern(self.phrases, _either_width)
        self.pattern = re.compile(pattern) if pattern else None

    def find(self, text: str) -> list[Wrong]:
        """The listed phrases in ``text`` (``normalise``d), as written there."""
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            correct, note = self.phrases[_key(match.group(0))]
            found.append(Wrong(match.group(0), correct, note))
        return found


def _key(phrase: str) -> str:
    return normalise(unicodedata.normalize("NFKC", phrase))


# --- Agency names --------------------------------------------------------------------------------

MIN_NAME_LENGTH = 6
LEVEL_CHARS = frozenset("省市县区旗州盟镇乡村街")
#: The last character of a kind of body: a name changed there into one of these is a wrong name.
BODY_ENDS = frozenset("局厅委办部处院所站队署会室股司科")
#: Words that begin with such a character: 交通运输部门 is not a wrong 交通运输局.
WORD_STARTS = frozenset(
    "部门 部分 部署 部位 局面 局势 局部 处理 处置 处于 院校 所在 所有 所属 所得 站点 站位 队伍 队员 "
    "会议 会同 会商 会上 室内 办理 办法 办事 办公 委托 委员 署名 司法 司机 股份 股东 科技 科学 科室 "
    "厅堂".split()
)
#: Common names of government bodies (after the region): another body's correct name.
KNOWN_BODIES = frozenset(
    """
    人民政府 人民政府办公室 政府办公室 发展和改革局 发展和改革委员会 发改局 发改委 教育局 教育和体育局
    科学技术局 科技局 工业和信息化局 科技和工业信息化局 经济和信息化局 经信局 公安局 民政局 司法局
    财政局 人力资源和社会保障局 人社局 自然资源局 自然资源和规划局 生态环境局 环境保护局 环保局
    住房和城乡建设局 住建局 建设局 交通运输局 交通局 水利局 水务局 农业农村局 农业局 林业局 畜牧局
    畜牧兽医局 水产局 海洋与渔业局 海洋渔业局 商务局 商务和经济信息化局 文化和旅游局 文化体育和旅游局
    文旅局 文化局 旅游局 体育局 卫生健康局 卫生健康委员会 卫健局 卫健委 卫生局 退役军人事务局
    应急管理局 应急局 审计局 市场监督管理局 市场监管局 统计局 医疗保障局 医保局 城市管理局
    城市管理和综合执法局 综合行政执法局 信访局 行政审批局 行政审批服务局 数据资源管理局 数据管理局
    大数据局 乡村振兴局 民族宗教事务局 民宗局 人民法院 人民检察院 人大常委会 人民代表大会常务委员会
    政协 人民政协 公路局 公路中心 公路事业发展中心 税务局 气象局 烟草专卖局 邮政管理局 档案馆 档案局
    地方志办公室 机关事务管理局 机关事务局 粮食和物资储备局 粮食局 国有资产监督管理委员会 国资委
    金融工作办公室 金融办 投资促进局 政务服务中心 政务服务管理局 融媒体中心 疾病预防控制中心
    公共资源交易中心 不动产登记中心 住房公积金管理中心 人民武装部 消防救援大队 交警大队 规划局
    城乡规划局 房产局 房管局 物价局 工商局 质监局 食品药品监督管理局 安全生产监督管理局 国土资源局
    国土局 监察委员会 监委 纪委 总工会 妇联 残联 红十字会 团委 科协 工商联 供销社 人防办
    人民防空办公室 编办 机构编制委员会办公室 保密局 国家保密局 国家安全局 信息中心
    """.split()
)


@dataclass(frozen=True)
class AgencyName:
    name: str
    region: str  # the part naming the place (示例县), taken from its government


class NameChecker:
    """Names within one character of an agency's official name (see the module docstring)."""

    def __init__(self, agencies: Iterable[AgencyName], other_names: Iterable[str] = ()):
        agencies = [a for a in agencies if len(a.name) >= MIN_NAME_LENGTH and a.region]
        agencies = [a for a in agencies if a.name.startswith(a.region)]
        self.agencies = agencies
        self.exact = {a.name for a in agencies} | {n for n in other_names if n}
        self.bodies = KNOWN_BODIES | {a.name[len(a.region) :] for a in agencies}
        self.anchors: dict[str, list[tuple[int, int]]] = {}
        for index, agency in enumerate(agencies):
            half = len(agency.name) // 2
            self.anchors.setdefault(agency.name[:half], []).append((index, 0))
            self.anchors.setdefault(agency.name[half:], []).append((index, half))
        self.lengths = sorted({len(anchor) for anchor in self.anchors}, reverse=True)
        # Candidate positions only: the dictionary says which anchors start there.
        self.pattern = re.compile(f"(?=(?:{trie_pattern(self.anchors)}))") if agencies else None

    def find(self, text: str) -> list[Wrong]:
        if self.pattern is None:
            return []
        found: dict[str, Wrong] = {}
        for match in self.pattern.finditer(text):
            at = match.start()
            for length in self.lengths:
                for index, offset in self.anchors.get(text[at : at + length], ()):
                    agency = self.agencies[index]
                    start = at - offset
                    window = text[start : start + len(agency.name)] if start >= 0 else ""
                    following = text[start + len(agency.name) : start + len(agency.name) + 1]
                    if window not in found and self._is_wrong(agency, window, following):
                        found[window] = Wrong(window, agency.name, "与本平台机关的规范名称不一致")
        return list(found.values())

    def _is_wrong(self, agency: AgencyName, window: str, following: str) -> bool:
        name = agency.name
        if len(window) != len(name) or window == name or window in self.exact:
            return False
        at = _only_difference(name, window)
        if at is None:
            return False
        if at < len(agency.region) or not _is_han(window[at]):
            return False
        if window[at] in LEVEL_CHARS or name[at] in LEVEL_CHARS:
            return False
        if window[len(agency.region) :] in self.bodies:
            return False
        if at == len(name) - 1:
            return window[at] in BODY_ENDS and window[at] + following not in WORD_STARTS
        return len(name) - len(agency.region) >= 4


def _only_difference(a: str, b: str) -> int | None:
    """The one position where two strings of the same length differ, or None."""
    at = None
    for index, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            if at is not None:
                return None
            at = index
    return at


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def region_of(name: str, government_name: str) -> str:
    """The place an agency's name starts with: its government's name without 人民政府 (示例县),
    or, failing that, the name up to its first level character (示例县)."""
    place = government_name.removesuffix("人民政府") if government_name else ""
    if place and name.startswith(place) and len(place) < len(name):
        return place
    match = re.match(r"^[\u4e00-\u9fff]{2,}?[省市县区旗州盟镇乡]", name)
    return match.group(0) if match else ""
