"""Reading a year's 政务公开工作要点 into a tree of tasks. Pure: text in, data out, no database.

Seed 003 (福州市交通运输局2019年政务公开工作主要任务) is the model:

* the numbering gives the tree: 一、 > （一） > 1. > （1）, in whatever order a document first uses
  them (a plan may start at （一）); 第一部分 / 第一， and ① are understood too;
* a parenthesis closing an item names who does it: "（局政法处牵头，局属各单位、机关各处室配合）",
  "（局建管处、重点办、审批处、市质监站落实）", "（…，各部门、各单位按职责分工负责）";
* dates in an item become its deadlines ("2019年12月16日前", "12月底前", "每季度");
* the covering notice sets the deadline of the whole document ("请各牵头部门和单位于2019年12月16日前
  将全年工作任务落实情况报局信息公开办"), which applies to every task without a date of its own.

The *tasks* are the items that carry a unit parenthesis and have no owned item beneath them; the
rest of the tree (the parts, an item's sub-points) is kept for the report's structure.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

CN_NUMERALS = "一二三四五六七八九十百"
_CN = f"[{CN_NUMERALS}]+"

#: Numbering styles: (kind, pattern at the start of a line). The path token of each kind is
#: written in one canonical form: 一 / （一） / 1. / （1） / 第一部分 / 第一 / ①.
NUMBERING: list[tuple[str, re.Pattern]] = [
    ("chapter", re.compile(rf"^第({_CN})(部分|章|篇)[、，,.．:：\s]*")),
    ("ordinal", re.compile(rf"^第({_CN})[、，,:：]\s*")),
    ("cn", re.compile(rf"^({_CN})\s*[、.．]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*({_CN})\s*[）)][、.．]?\s*")),
    ("arabic", re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)][、.．]?\s*")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
]

#: Web-page furniture pasted along with a plan (seed 003 ends with it): dropped.
BOILERPLATE = re.compile(
    r"^(扫一扫|主办单位|承办单位|协办单位[:：]|为确保最佳浏览效果|版权所有|网站标识码|.*ICP备|"
    r"打印本页|关闭窗口|【打印】|【关闭】|分享到|字号[:：]|来源[:：].*发布时间)"
)
#: Lines after which the numbered body is over: attachments, copy lists, the signature's date.
TRAILER_START = re.compile(r"^(附件[:：\d１-９]|抄送[:：]|[（(]此件|印发[:：]?$)")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
ORG_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(局|政府|委员会|办公室|办公厅|厅|委|中心|院)$")
TITLE_LINE = re.compile(
    r"(工作要点|主要任务|重点任务|工作任务|任务分工|分工方案|工作方案|实施方案|工作安排|任务清单)$"
)

# --- Units -----------------------------------------------------------------------------------

#: What a clause says its units do. 牵头 leads, 配合 cooperates; 负责 / 落实 lead unless somebody
#: else 牵头 in the same parenthesis (seed 003: "局政法处牵头，市公路中心…按职责分工负责").
LEAD, COOPERATE, DUTY = "lead", "cooperating", "duty"
_ROLE_WORDS = [
    ("牵头负责", LEAD),
    ("牵头落实", LEAD),
    ("牵头", LEAD),
    ("主办", LEAD),
    ("配合", COOPERATE),
    ("协助", COOPERATE),
    ("协同", COOPERATE),
    ("参与", COOPERATE),
    ("协办", COOPERATE),
    ("负责落实", DUTY),
    ("负责实施", DUTY),
    ("负责", DUTY),
    ("落实", DUTY),
    ("承办", DUTY),
    ("实施", DUTY),
    ("办理", DUTY),
]
_ROLE_OF = dict(_ROLE_WORDS)
_CLAUSE = re.compile(
    r"^(?:由)?(?P<names>.*?)"
    r"(?P<manner>按照职责分工|按职责分工|按职责|根据职责|依职责|分别|共同|具体)?"
    r"(?P<word>" + "|".join(w for w, _ in _ROLE_WORDS) + r")$"
)
_LABELLED = re.compile(
    r"^(?P<label>牵头单位|牵头部门|责任单位|责任部门|主办单位|承办单位|配合单位|配合部门|协办单位|参与单位)"
    r"[:：]\s*(?P<names>.+)$"
)
_LABEL_ROLE = {
    "牵头单位": LEAD,
    "牵头部门": LEAD,
    "主办单位": LEAD,
    "责任单位": DUTY,
    "责任部门": DUTY,
    "承办单位": DUTY,
    "配合单位": COOPERATE,
    "配合部门": COOPERATE,
    "协办单位": COOPERATE,
    "参与单位": COOPERATE,
}
#: Between names: 、 and commas; 和 / 及 / 与 only right after a unit's last character, so that
#: "局办公室和政法处" splits but "住房和城乡建设局" does not.
_NAME_SPLIT = re.compile(r"[、,，;；/]|(?<=[局处室股科站队心办所会院组])(?:和|及|与)")
_PAREN = re.compile(r"[（(]([^（()）]*)[）)]")

#: Collective phrases: "all units of a kind" rather than a unit to find.
SUBORDINATE, INTERNAL, ALL, OTHER = "subordinate", "internal", "all", "other"
GROUP_LABELS = {
    SUBORDINATE: "局属各单位",
    INTERNAL: "机关各股室（处室、科室）",
    ALL: "全部内设机构和局属单位",
    OTHER: "其他单位（未对应到本机关）",
}


def group_scope(name: str) -> str | None:
    """Which units a collective phrase means, or None for the name of one unit.

    "局属各单位" → subordinate units; "机关各处室" / "各科室" / "各股室" → the internal units;
    "各部门、各单位" / "有关单位" → all units; "各乡镇" and other collectives → other.
    """
    bare = re.sub(r"^(本局|局机关|机关|局|市|县|区)", "", name)
    if re.search(r"(局属|直属|下属|所属|属).{0,2}单位|各(局属|直属|下属)单位", name):
        return SUBORDINATE
    if re.search(r"各(业务)?(处室|科室|股室|内设机构|处|科|股|室)$", name) or re.match(
        r"机关各", bare
    ):
        return INTERNAL
    if re.match(r"(各|有关|相关|全体|所有|其他)", bare):
        if re.search(r"(部门|单位|处室|科室|股室|机构)$", bare):
            return ALL
        return OTHER
    return None


@dataclass(frozen=True)
class UnitPhrase:
    """The parenthesis naming who does a task, split into lead and cooperating names."""

    text: str
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]

    def names(self) -> list[str]:
        return [*self.lead, *self.cooperating]


def _split_names(text: str) -> list[str]:
    names = []
    for part in _NAME_SPLIT.split(text):
        name = re.sub(r"\s+", "", part).strip("。.：:")
        name = re.sub(r"^(由|请)", "", name)
        name = re.sub(r"等$", "", name)
        if name:
            names.append(name)
    return names


def parse_unit_phrase(text: str) -> UnitPhrase | None:
    """The lead and cooperating units of one parenthesis's content, or None if it names none.

    >>> parse_unit_phrase("局政法处牵头，局属各单位、机关各处室配合").lead
    ('局政法处',)
    """
    body = text.strip().rstrip("。.；;")
    if not body:
        return None
    clauses = [c.strip() for c in re.split(r"[，,；;。]", body) if c.strip()]
    roles: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for clause in clauses:
        labelled = _LABELLED.match(clause)
        if labelled:
            names = pending + _split_names(labelled["names"])
            roles.append((_LABEL_ROLE[labelled["label"]], names))
            pending = []
            continue
        match = _CLAUSE.match(clause)
        if match and match["names"].strip():
            roles.append((_ROLE_OF[match["word"]], pending + _split_names(match["names"])))
            pending = []
        else:
            pending += _split_names(clause)
    if not roles:
        return None
    has_lead = any(role == LEAD for role, _ in roles)
    if pending:  # names after the last role word share the role of those before them
        roles[-1][1].extend(pending)
    lead: list[str] = []
    cooperating: list[str] = []
    for role, names in roles:
        target = lead if role == LEAD or (role == DUTY and not has_lead) else cooperating
        for name in names:
            if not _plausible_name(name):
                return None
            if name not in lead and name not in cooperating:
                target.append(name)
    if not lead and not cooperating:
        return None
    return UnitPhrase(text=text.strip(), lead=tuple(lead), cooperating=tuple(cooperating))


def _plausible_name(name: str) -> bool:
    return 2 <= len(name) <= 30 and not re.search(r"[。！？!?“”\"《》]|\d{3,}", name)


def find_unit_phrase(paragraphs: list[str]) -> tuple[int, re.Match, UnitPhrase] | None:
    """The last parenthesis in the item that names units (usually the one closing it)."""
    for index in range(len(paragraphs) - 1, -1, -1):
        for match in reversed(list(_PAREN.finditer(paragraphs[index]))):
            phrase = parse_unit_phrase(match.group(1))
            if phrase is not None:
                return index, match, phrase
    return None


# --- Dates -----------------------------------------------------------------------------------

_YEAR = r"(?:(?P<y>\d{4})\s*年|(?P<next>次年|明年))?"
_BY = r"(?:之前|以前|前|止)"
_DAY = re.compile(_YEAR + r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _BY)
_UNTIL_DAY = re.compile(
    r"(?:截至|截止到|截止至|截止)" + _YEAR + r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
)
_MONTH_END = re.compile(_YEAR + r"(?P<m>\d{1,2})\s*月份?\s*(?:底|末)(?:之前|以前|前)?")
_DEKAD = re.compile(_YEAR + r"(?P<m>\d{1,2})\s*月(?P<part>上旬|中旬|下旬)")
_YEAR_END = re.compile(r"(?:(?P<y>\d{4})\s*年(?:底|末)|年底|年末|年内)")
_HALF = re.compile(r"(?P<y>\d{4}年)?(?P<half>上半年|下半年)(?:之前|以前|前|内|底|末|完成)")
_QUARTER = re.compile(
    r"(?P<y>\d{4}年)?第?(?P<q>[一二三四1-4])季度(?:末|底)?(?:之前|以前|前|内|完成)"
)
_RECURRING = [
    (re.compile(r"每(个)?季度|按季度|每季"), "每季度"),
    (re.compile(r"每半年"), "每半年"),
    (re.compile(r"每(个)?月(?!\d)"), "每月"),
]
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(match: re.Match, default: int) -> int:
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"].rstrip("年"))
    if groups.get("next"):
        return default + 1
    return default


def find_deadlines(text: str, year: int) -> list[date]:
    """Every date the text sets as a limit, in the plan's ``year`` unless the text names one.

    "2019年12月16日前" → 2019-12-16; "12月底前" → 12-31; "6月中旬" → 6-20; "年底前" → 12-31;
    "上半年完成" → 6-30; "三季度末前" → 9-30. A bare date ("5月14日召开") is not a limit.
    """
    found: set[date] = set()

    def add(make):
        try:
            found.add(make())
        except ValueError:  # 2月30日 and the like: not a date, not a deadline
            pass

    for pattern in (_DAY, _UNTIL_DAY):
        for m in pattern.finditer(text):
            add(lambda m=m: date(_year_of(m, year), int(m["m"]), int(m["d"])))
    for m in _MONTH_END.finditer(text):
        add(lambda m=m: _month_end(_year_of(m, year), int(m["m"])))
    for m in _DEKAD.finditer(text):
        y, month = _year_of(m, year), int(m["m"])
        day = {"上旬": 10, "中旬": 20}.get(m["part"])
        add(lambda y=y, month=month, day=day: date(y, month, day) if day else _month_end(y, month))
    for m in _YEAR_END.finditer(text):
        add(lambda m=m: date(_year_of(m, year), 12, 31))
    for m in _HALF.finditer(text):
        y = _year_of(m, year)
        add(lambda y=y, m=m: date(y, 6, 30) if m["half"] == "上半年" else date(y, 12, 31))
    for m in _QUARTER.finditer(text):
        y, q = _year_of(m, year), _QUARTER_NUMBER[m["q"]]
        add(lambda y=y, q=q: _month_end(y, q * 3))
    return sorted(found)


def find_recurrence(text: str) -> str:
    """ "每季度" / "每半年" / "每月" when the text asks for it, else ""."""
    for pattern, label in _RECURRING:
        if pattern.search(text):
            return label
    return ""


def recurrence_dates(recurrence: str, year: int) -> list[date]:
    """The period ends of a recurring task within the plan's year."""
    months = {"每季度": (3, 6, 9, 12), "每半年": (6, 12), "每月": tuple(range(1, 13))}
    return [_month_end(year, m) for m in months.get(recurrence, ())]


_REPORT_SENTENCE = re.compile(r"报|送|提交|反馈")
_REPORT_IN_BODY = re.compile(r"(落实情况|完成情况|进展情况|工作总结|总结).{0,20}(报|送|提交)|报送")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。；;！!\n]", text) if s.strip()]


def find_report_deadline(lines: list[str], year: int, pattern=_REPORT_SENTENCE) -> date | None:
    """The date by which the document wants its tasks reported (seed 003: 2019年12月16日前)."""
    for line in lines:
        for sentence in _sentences(line):
            if pattern.search(sentence):
                dates = find_deadlines(sentence, year)
                if dates:
                    return dates[0]
    return None


# --- The tree --------------------------------------------------------------------------------


@dataclass
class Node:
    """One numbered item of the plan: a part, a task, or a task's sub-point."""

    kind: str
    number: str  # as written, e.g. "（一）"
    token: str  # canonical, e.g. "（一）"; the path joins them: "一/（一）/1."
    level: int
    path: str
    paragraphs: list[str]
    title: str = ""
    phrase: UnitPhrase | None = None
    phrase_inherited: bool = False
    deadlines: list[date] = field(default_factory=list)
    recurrence: str = ""
    milestones: list[date] = field(default_factory=list)
    deadline: date | None = None
    deadline_source: str = ""  # "text", "document" or ""
    is_task: bool = False
    children: list[Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedPlan:
    title: str
    year: int | None
    issued: date | None
    report_deadline: date | None
    preamble: list[str]
    roots: list[Node]
    trailer: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        for root in self.roots:
            yield from root.walk()

    def tasks(self) -> list[Node]:
        return [node for node in self.walk() if node.is_task]


def clean_lines(text: str) -> list[str]:
    """Non-empty lines with ideographic spaces and surrounding blanks removed."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "").strip()
        if line:
            lines.append(line)
    return lines


def numbering(line: str) -> tuple[str, str, str, str] | None:
    """(kind, number as written, canonical token, rest of the line) of a numbered line."""
    for kind, pattern in NUMBERING:
        match = pattern.match(line)
        if not match:
            continue
        rest = line[match.end() :].strip()
        if not rest:
            return None  # a lone "一、" is not an item
        n = match.group(1)
        token = {
            "chapter": f"第{n}{match.group(2) if kind == 'chapter' else ''}",
            "ordinal": f"第{n}",
            "cn": n,
            "cn_paren": f"（{n}）",
            "arabic": f"{n}.",
            "arabic_paren": f"（{n}）",
            "circled": n,
        }[kind]
        return kind, match.group(0).strip(), token, rest
    return None


def _title_of(paragraph: str, phrase_text: str | None) -> str:
    text = paragraph
    if phrase_text:
        text = re.sub(r"[（(]" + re.escape(phrase_text) + r"[）)]", "", text)
    first = re.split(r"[。！？]", text, maxsplit=1)[0].strip()
    first = first.rstrip("，,；;：: ")
    return first if len(first) <= 120 else first[:118] + "…"


def _find_title(preamble: list[str]) -> str:
    for index in range(len(preamble) - 1, -1, -1):
        line = preamble[index].strip("《》")
        if len(line) <= 60 and TITLE_LINE.search(line) and not line.endswith(("。", "：", ":")):
            previous = preamble[index - 1] if index else ""
            if ORG_LINE.match(previous) and previous not in line:
                return previous + line
            return line
    return ""


def _is_signature(lines: list[str], index: int) -> bool:
    """An agency's name standing alone just above the signature date."""
    return (
        bool(ORG_LINE.match(lines[index]))
        and index + 1 < len(lines)
        and bool(DATE_LINE.match(lines[index + 1]))
    )


def _cn_date(text: str) -> date | None:
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_plan(text: str, *, year: int | None = None) -> ParsedPlan:
    """The plan in ``text``: its title, year, report deadline and the tree of numbered items.

    ``year`` is used when the document names none (dates like "12月底前" need one).
    """
    lines = clean_lines(text)
    preamble: list[str] = []
    trailer: list[str] = []
    roots: list[Node] = []
    stack: list[Node] = []
    kinds: list[str] = []
    in_body = False
    for index, line in enumerate(lines):
        if BOILERPLATE.match(line):
            if in_body:
                trailer.extend(lines[index:])
                break
            continue
        numbered = numbering(line)
        if in_body and numbered is None:
            if TRAILER_START.match(line) or DATE_LINE.match(line) or _is_signature(lines, index):
                trailer.extend(x for x in lines[index:] if not BOILERPLATE.match(x))
                break
            stack[-1].paragraphs.append(line)
            continue
        if numbered is None:
            preamble.append(line)
            continue
        kind, number, token, rest = numbered
        in_body = True
        if kind in kinds:
            depth = kinds.index(kind)
            del kinds[depth + 1 :]
            del stack[depth:]
        else:
            kinds.append(kind)
            depth = len(kinds) - 1
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else roots
        base = f"{parent.path}/{token}" if parent else token
        path, n = base, 2
        while any(s.path == path for s in siblings):  # a repeated number keeps its own path
            path, n = f"{base}#{n}", n + 1
        node = Node(
            kind=kind, number=number, token=token, level=depth + 1, path=path, paragraphs=[rest]
        )
        siblings.append(node)
        stack.append(node)

    title = _find_title(preamble)
    issued = _signature_date(preamble + trailer)
    title_year = re.search(r"(\d{4})\s*年", title)
    plan_year = int(title_year[1]) if title_year else year

    report_deadline = find_report_deadline([*preamble, *trailer], plan_year or year or 0)
    if plan_year is None:
        plan_year = (report_deadline.year if report_deadline else None) or (
            issued.year if issued else None
        )
    warnings: list[str] = []
    if plan_year is None:
        warnings.append("文件中没有找到年度，未写年份的日期无法换算为期限。")
    working_year = plan_year or 0

    nodes = [node for root in roots for node in root.walk()]
    for node in nodes:
        found = find_unit_phrase(node.paragraphs)
        node.phrase = found[2] if found else None
        node.title = _title_of(node.paragraphs[0], node.phrase.text if node.phrase else None)
        own = node.text
        if node.phrase:
            own = own.replace(node.phrase.text, "")
        if working_year:
            node.deadlines = find_deadlines(own, working_year)
        node.recurrence = find_recurrence(own)
    if report_deadline is None and working_year:
        # Some plans ask for the report in their closing part ("五、工作要求") instead.
        report_deadline = find_report_deadline(
            [n.text for n in nodes if n.phrase is None], working_year, _REPORT_IN_BODY
        )

    _mark_tasks(roots, None)
    if not any(node.phrase for node in nodes):
        for node in nodes:
            node.is_task = not node.children
        if nodes:
            warnings.append(
                "文件中没有找到责任单位（如“（局办公室牵头，……配合）”），各末级条目均列为任务，请人工指定单位。"
            )
    else:
        unowned = list(_unowned_leaves(roots))
        if unowned:
            listed = "、".join(f"{n.path}“{n.title[:20]}”" for n in unowned[:8])
            more = f"等{len(unowned)}条" if len(unowned) > 8 else ""
            warnings.append(f"以下条目没有标明责任单位，未列为任务：{listed}{more}。")
    for node in nodes:
        if node.is_task:
            _set_deadline(node, report_deadline, working_year)
    if not roots:
        warnings.append("文件中没有找到编号的条目（如“一、”“（一）”“1.”）。")
    if year is not None and plan_year is not None and year != plan_year:
        # The plan is imported for another year (--year): every date moves with it.
        delta = year - plan_year
        for node in nodes:
            node.deadlines = [_shift(d, delta) for d in node.deadlines]
            node.milestones = [_shift(d, delta) for d in node.milestones]
            node.deadline = _shift(node.deadline, delta) if node.deadline else None
        report_deadline = _shift(report_deadline, delta) if report_deadline else None
        warnings.append(
            f"文件为{plan_year}年的工作要点，按指定年度{year}年导入：各项期限相应"
            f"{'推后' if delta > 0 else '提前'}{abs(delta)}年。"
        )
        plan_year = year
    return ParsedPlan(
        title=title,
        year=plan_year,
        issued=issued,
        report_deadline=report_deadline,
        preamble=preamble,
        roots=roots,
        trailer=trailer,
        warnings=warnings,
    )


def _shift(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


#: A document that reports on work done rather than setting it (a 总结 or 落实情况报告).
_REPORT_LIKE = re.compile(r"总结|落实情况报告|情况报告|报告如下|工作报告|自查报告")
_PLAN_LIKE = re.compile(r"要点|计划|方案|安排|任务分工|任务清单|责任清单|实施意见")


def not_a_plan(parsed: ParsedPlan) -> str | None:
    """Why ``parsed`` does not look like a work plan (None when it does): no lead unit anywhere,
    and a title or opening that says it reports on work done, or never says it is a plan."""
    if any(node.phrase for node in parsed.walk()):
        return None
    opening = " ".join([parsed.title, *parsed.preamble[:3]])
    if _REPORT_LIKE.search(opening):
        return (
            "这份文件看起来是工作总结或落实情况报告，不是工作要点：开头写的是已完成的工作"
            "（如“现将……落实情况报告如下”），条目中也没有牵头单位。未导入。"
        )
    if not _PLAN_LIKE.search(parsed.title):
        return (
            "这份文件看起来不是工作要点：标题中没有“要点”“计划”“方案”等字样，条目中也没有"
            "牵头单位。未导入。"
        )
    return None


def _signature_date(lines: list[str]) -> date | None:
    for line in lines:
        if DATE_LINE.match(line):
            return _cn_date(line)
    return None


def _unowned_leaves(nodes: list[Node]) -> Iterator[Node]:
    """Leaves with no units on themselves or above them (often a closing "工作要求" part)."""
    for node in nodes:
        if node.phrase:
            continue
        if node.children:
            yield from _unowned_leaves(node.children)
        else:
            yield node


def _has_phrase_below(node: Node) -> bool:
    return any(child.phrase or _has_phrase_below(child) for child in node.children)


def _mark_tasks(nodes: list[Node], inherited: UnitPhrase | None) -> None:
    """Tasks are the smallest owned items: an item with units and no owned item beneath it; an
    item whose parent's units cover it when a sibling has units of its own."""
    for node in nodes:
        if node.phrase and not _has_phrase_below(node):
            node.is_task = True
        elif node.phrase:
            _mark_tasks(node.children, node.phrase)
        elif _has_phrase_below(node):
            _mark_tasks(node.children, inherited)
        elif inherited is not None:
            node.is_task = True
            node.phrase = inherited
            node.phrase_inherited = True


def _set_deadline(node: Node, report_deadline: date | None, year: int) -> None:
    """A task's own latest date, else the document's; recurring dates are milestones before it."""
    if node.deadlines:
        node.deadline, node.deadline_source = node.deadlines[-1], "text"
    elif report_deadline:
        node.deadline, node.deadline_source = report_deadline, "document"
    recurring = recurrence_dates(node.recurrence, year) if year else []
    if node.deadline is None and recurring:
        node.deadline, node.deadline_source = recurring[-1], "text"
    milestones = set(node.deadlines) | set(recurring)
    if node.deadline:
        milestones = {d for d in milestones if d <= node.deadline} | {node.deadline}
    node.milestones = sorted(milestones)
