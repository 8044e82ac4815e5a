"""The legal basis of an answer (答复依据): for every 表三 result, the option(s) the handler may
choose, the facts each needs, and the sentences and article citations the answer letter says.

Pure data and functions, no database. Articles are of 《中华人民共和国政府信息公开条例》
(国务院令第711号) unless named; the table is DOMAIN.md "The article for each result":

* （一）予以公开: 第三十六条第（一）项 (already 主动公开: say where it is) or 第（二）项 (provide it,
  or say how and when).
* （二）部分公开: 第三十七条 with the withheld part's own ground (第十四条, 第十五条 and 第三十二条
  where the third party was consulted, 第十六条第一款, 第十六条第二款).
* （三）不予公开 1–7: the ground (第十四条; 第十五条 (+ 第三十二条); 第十六条第一款; 第十六条第二款)
  and 第三十六条第（三）项, the article that says how a 不予公开 is answered ("告知申请人不予公开并
  说明理由"); 8 行政查询事项: 第三十六条第（七）项 (a law or administrative regulation sets its own
  way of access).
* （四）1 本机关不掌握: 第三十六条第（四）项 (does not exist after search) or 第（五）项 (another
  agency is responsible: name it and its contact); 2: 第三十八条; 3: 第三十条.
* （五）1: 第三十九条第一款 (point to the proper channel); 2: 第三十六条第（六）项; 3: 第三十九条第二款
  (say where to get the publication); 4: 第三十五条; 5: no sub-item names it: the request asks for no
  政府信息 (第二条), never 第三十九条.
* （六）1: 第三十条 (视为放弃); 2: 第四十二条 and 国办函〔2020〕109号; 3: withdrawal or another
  reason, which no article decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


def art(article: str) -> str:
    """An article of the 条例 as the letter cites it: 《中华人民共和国政府信息公开条例》第二条."""
    return f"{REGULATION}{article}"


A2 = art("第二条")
A14 = art("第十四条")
A15 = art("第十五条")
A16_1 = art("第十六条第一款")
A16_2 = art("第十六条第二款")
A30 = art("第三十条")
A32 = art("第三十二条")
A35 = art("第三十五条")
A36 = {n: art(f"第三十六条第（{c}）项") for n, c in enumerate("一二三四五六七", start=1)}
A37 = art("第三十七条")
A38 = art("第三十八条")
A39_1 = art("第三十九条第一款")
A39_2 = art("第三十九条第二款")
A42 = art("第四十二条")

#: The order citations are listed in: the 条例 article by article, then other instruments.
CITATION_ORDER = [
    A2,
    A14,
    A15,
    A16_1,
    A16_2,
    A30,
    A32,
    A35,
    *A36.values(),
    A37,
    A38,
    A39_1,
    A39_2,
    A42,
    FEE_MEASURES,
]


def cite(citations) -> str:
    """The citations as a letter writes them, the law named once for a run of its articles:
    《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项."""
    parts: list[str] = []
    law = None
    for citation in citations:
        name, _, article = citation.partition("》")
        name += "》"
        if article.startswith("第") and name == law:
            parts.append(article)
        else:
            parts.append(citation)
            law = name if article.startswith("第") else None
    return "、".join(parts)


# --- Facts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """Something the handler states for the letter: free text, a choice, or yes/no."""

    key: str
    label: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    boolean: bool = False


#: The withheld part's own ground in a 部分公开 (第三十七条): key → (label, why, citations).
WITHHELD_GROUNDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "14": (
        "第十四条（国家秘密、法律行政法规禁止公开、危及“三安全一稳定”）",
        "属于依法确定为国家秘密、法律和行政法规禁止公开或者公开后可能危及国家安全、公共安全、"
        "经济安全、社会稳定的政府信息",
        (A14,),
    ),
    "15": (
        "第十五条（商业秘密、个人隐私等，损害第三方合法权益）",
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        (A15,),
    ),
    "16_1": (
        "第十六条第一款（内部事务信息）",
        "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
        (A16_1,),
    ),
    "16_2": (
        "第十六条第二款（过程性信息、行政执法案卷信息）",
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        "或者行政执法案卷信息",
        (A16_2,),
    ),
}

FACTS: dict[str, Fact] = {
    fact.key: fact
    for fact in (
        Fact(
            "where",
            "获取途径（网址或场所）",
            "已主动公开的信息、公开出版物：写明网址和栏目，或者查阅、购买的场所。",
        ),
        Fact(
            "how",
            "提供方式、途径和时间",
            "如：随本告知书通过电子邮件提供；或者请于2026年12月1日前到县政务服务中心领取。",
        ),
        Fact("withheld_part", "不予公开的部分", "部分公开时写明哪些内容不予公开。"),
        Fact(
            "withheld_ground",
            "不予公开部分的理由",
            "部分公开（第三十七条）时选择。",
            choices=tuple((key, label) for key, (label, _why, _c) in WITHHELD_GROUNDS.items()),
        ),
        Fact(
            "law",
            "法律、行政法规的名称",
            "如：中华人民共和国统计法、不动产登记暂行条例。",
        ),
        Fact(
            "third_party_consulted",
            "已书面征求第三方意见（第三十二条）",
            "涉及第三方合法权益并已书面征求其意见的，勾选。",
            boolean=True,
        ),
        Fact("other_agency", "负责公开的行政机关", "如：示例市生态环境局示例县分局。"),
        Fact("other_agency_contact", "该机关的联系方式", "如：电话0000-7654321，地址……"),
        Fact("channel", "相应渠道", "如：12345政务服务便民热线、县信访局接待窗口。"),
        Fact(
            "earlier_answer",
            "此前的答复",
            "如：2026年4月8日已答复（申请编号SX120-2026-0001）。",
        ),
        Fact("reason", "情况说明", "其他处理时写明情况。"),
    )
}


# --- Options ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One legal basis the handler may choose for a result.

    ``text`` is filled with the facts and ``{cite}`` (the citations as the letter writes them);
    ``{ground}`` and ``{consulted}`` are worked out from the facts (部分公开, 第三方).
    """

    key: str
    result: str  # a choices.Result value
    label: str
    citations: tuple[str, ...]
    text: str
    needs: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    @property
    def facts(self) -> tuple[str, ...]:
        return self.needs + self.optional


CONSULTED = "我机关已依法书面征求第三方的意见。"

_OPTIONS = (
    # （一）予以公开
    Option(
        "published",
        "disclosed",
        "已主动公开，告知获取方式、途径（第三十六条第（一）项）",
        (A36[1],),
        "您申请公开的政府信息已经主动公开，您可以通过以下方式、途径获取：{where}。"
        "根据{cite}的规定，特此告知。",
        needs=("where",),
    ),
    Option(
        "provided",
        "disclosed",
        "予以提供，或告知获取的方式、途径和时间（第三十六条第（二）项）",
        (A36[2],),
        "您申请公开的政府信息属于可以公开的政府信息。根据{cite}的规定，予以公开，"
        "获取方式、途径和时间：{how}。",
        needs=("how",),
    ),
    # （二）部分公开
    Option(
        "partial",
        "partial",
        "区分处理，部分公开（第三十七条及不予公开部分的理由）",
        (A37,),
        "您申请公开的政府信息中，{withheld_part}{ground}，不予公开。{consulted}"
        "其余内容能够作区分处理，予以公开，获取方式、途径和时间：{how}。根据{cite}的规定，特此告知。",
        needs=("withheld_part", "withheld_ground", "how"),
        optional=("third_party_consulted",),
    ),
    # （三）不予公开
    Option(
        "state_secret",
        "withheld_1",
        "国家秘密（第十四条、第三十六条第（三）项）",
        (A14, A36[3]),
        "您申请公开的政府信息属于依法确定的国家秘密。根据{cite}的规定，不予公开。",
    ),
    Option(
        "law_forbids",
        "withheld_2",
        "法律、行政法规禁止公开（第十四条、第三十六条第（三）项）",
        (A14, A36[3]),
        "您申请公开的政府信息属于{law}禁止公开的政府信息。根据{cite}的规定，不予公开。",
        needs=("law",),
    ),
    Option(
        "security",
        "withheld_3",
        "危及“三安全一稳定”（第十四条、第三十六条第（三）项）",
        (A14, A36[3]),
        "您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据{cite}的规定，不予公开。",
    ),
    Option(
        "third_party",
        "withheld_4",
        "损害第三方合法权益（第十五条，征求意见的加第三十二条）",
        (A15, A36[3]),
        "您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。{consulted}"
        "根据{cite}的规定，不予公开。",
        optional=("third_party_consulted",),
    ),
    Option(
        "internal",
        "withheld_5",
        "内部事务信息（第十六条第一款、第三十六条第（三）项）",
        (A16_1, A36[3]),
        "您申请公开的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据{cite}的规定，不予公开。",
    ),
    Option(
        "process",
        "withheld_6",
        "过程性信息（第十六条第二款、第三十六条第（三）项）",
        (A16_2, A36[3]),
        "您申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息。根据{cite}的规定，不予公开。",
    ),
    Option(
        "enforcement",
        "withheld_7",
        "行政执法案卷信息（第十六条第二款、第三十六条第（三）项）",
        (A16_2, A36[3]),
        "您申请公开的政府信息属于行政执法案卷信息。根据{cite}的规定，不予公开。",
    ),
    Option(
        "query",
        "withheld_8",
        "行政查询事项，法律、行政法规另有规定（第三十六条第（七）项）",
        (A36[7],),
        "您申请获取的信息属于行政查询事项，{law}对该信息的获取有特别规定。"
        "根据{cite}的规定，请您依照该规定办理{where_clause}。",
        needs=("law",),
        optional=("where",),
    ),
    # （四）无法提供
    Option(
        "not_exist",
        "unable_1",
        "经检索不存在（第三十六条第（四）项）",
        (A36[4],),
        "经检索，我机关没有您所申请公开的政府信息，该政府信息不存在。根据{cite}的规定，特此告知。",
    ),
    Option(
        "other_agency",
        "unable_1",
        "不属于本机关负责公开，告知负责机关（第三十六条第（五）项）",
        (A36[5],),
        "您所申请公开的政府信息不属于我机关负责公开。负责公开该政府信息的行政机关为{other_agency}，"
        "联系方式：{other_agency_contact}。根据{cite}的规定，请您向该机关提出申请。",
        needs=("other_agency", "other_agency_contact"),
    ),
    Option(
        "needs_making",
        "unable_2",
        "需要另行制作（第三十八条）",
        (A38,),
        "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。您所需的信息需要我机关对现有"
        "政府信息进行加工、分析后方能形成。根据{cite}的规定，不予提供。",
    ),
    Option(
        "unclear",
        "unable_3",
        "补正后仍不明确（第三十条）",
        (A30,),
        "我机关已告知您作出补正，您补正后的申请内容仍不明确，我机关无法确定您所需的政府信息。"
        "根据{cite}的规定，无法提供。您可以在明确所需信息后重新提出申请。",
    ),
    # （五）不予处理
    Option(
        "petition",
        "not_processed_1",
        "信访、投诉、举报，告知相应渠道（第三十九条第一款）",
        (A39_1,),
        "您以政府信息公开申请的形式提出的是信访、投诉、举报等事项。根据{cite}的规定，"
        "我机关不作为政府信息公开申请处理，您可以通过{channel}提出。",
        needs=("channel",),
    ),
    Option(
        "repeat",
        "not_processed_2",
        "重复申请（第三十六条第（六）项）",
        (A36[6],),
        "我机关已就您提出的政府信息公开申请作出答复（{earlier_answer}），您本次申请公开的是相同的"
        "政府信息。根据{cite}的规定，不予重复处理。",
        needs=("earlier_answer",),
    ),
    Option(
        "publication",
        "not_processed_3",
        "公开出版物，告知获取途径（第三十九条第二款）",
        (A39_2,),
        "您申请获取的是政府公报、报刊、书籍等公开出版物。根据{cite}的规定，告知您获取的途径："
        "{where}。",
        needs=("where",),
    ),
    Option(
        "mass",
        "not_processed_4",
        "数量、频次明显超过合理范围且理由不合理（第三十五条）",
        (A35,),
        "您申请公开政府信息的数量、频次明显超过合理范围，经我机关要求说明理由，我机关认为申请理由"
        "不合理。根据{cite}的规定，不予处理。",
    ),
    Option(
        "not_information",
        "not_processed_5",
        "要求确认或重新出具已获取信息，不是申请政府信息（第二条）",
        (A2,),
        "您要求我机关对已获取的信息予以确认或者重新出具。政府信息是指行政机关在履行行政管理职能"
        "过程中制作或者获取的，以一定形式记录、保存的信息（{cite}）；您的要求不是申请获取政府信息，"
        "我机关不作为政府信息公开申请处理。",
    ),
    # （六）其他处理
    Option(
        "no_supplement",
        "other_1",
        "逾期不补正，视为放弃申请（第三十条）",
        (A30,),
        "我机关已告知您对申请内容作出补正，您无正当理由逾期未补正。根据{cite}的规定，视为放弃申请，"
        "我机关不再处理该政府信息公开申请。",
    ),
    Option(
        "unpaid",
        "other_2",
        "逾期未缴纳信息处理费（第四十二条、国办函〔2020〕109号）",
        (A42, FEE_MEASURES),
        "我机关已向您发出信息处理费收费通知，您逾期未按收费通知要求缴纳费用。根据{cite}的规定，"
        "我机关不再处理该政府信息公开申请。",
    ),
    Option(
        "withdrawn",
        "other_3",
        "申请人撤回申请",
        (),
        "您已撤回该政府信息公开申请，我机关终止办理。",
    ),
    Option(
        "other",
        "other_3",
        "其他情形（写明情况）",
        (),
        "{reason}",
        needs=("reason",),
    ),
)

OPTIONS: dict[str, Option] = {option.key: option for option in _OPTIONS}


def options_for(result: str) -> tuple[Option, ...]:
    """The options the handler may choose for a result (2021 format's leaves)."""
    return tuple(option for option in _OPTIONS if option.result == result)


#: The 2019 format's 表三 leaves (国办公开办函〔2019〕60号): the 2021 leaves, except that its
#: 其他处理 is one row holding the three 2021 其他处理 leaves.
ROWS_2019: dict[str, tuple[str, ...]] = {
    **{
        result: (result,)
        for result in dict.fromkeys(option.result for option in _OPTIONS)
        if not result.startswith("other_")
    },
    "other": ("other_1", "other_2", "other_3"),
}


def options_for_row(row: str, fmt: str = "2021") -> tuple[Option, ...]:
    """The options of a 表三 leaf row in the 2021 or the 2019 format."""
    results = ROWS_2019[row] if fmt == "2019" else (row,)
    return tuple(option for result in results for option in options_for(result))


# --- The basis of one answer --------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """What the answer letter says: the citations and the sentences that rest on them."""

    option: str
    citations: list[str]
    text: str
    facts: dict = field(default_factory=dict)

    @property
    def cited(self) -> str:
        return cite(self.citations)


class BasisError(ValueError):
    """Missing or wrong facts, field by field in Chinese (``ValidationError(error.problems)``)."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(problems.values()))
        self.problems = problems


MISSING = "（未填写）"


def _clean(value) -> str:
    """One line, without the full stop the sentence around it already has."""
    return " ".join(str(value or "").split()).rstrip("。；;，, ")


def _law(name: str) -> str:
    """《中华人民共和国统计法》, whether or not the handler typed the book-title marks."""
    name = name.strip().strip("《》 ")
    return f"《{name}》" if name else ""


def option_for(result: str, option_key: str = "") -> Option:
    """The chosen option, or the only one when the result has one. BasisError otherwise."""
    options = options_for(result)
    if not options:
        raise BasisError({"result": "请选择办理结果。"})
    if not option_key:
        if len(options) == 1:
            return options[0]
        raise BasisError({"basis_option": "该办理结果有不同的答复依据，请选择。"})
    option = OPTIONS.get(option_key)
    if option is None or option.result != result:
        raise BasisError({"basis_option": "所选答复依据与办理结果不符，请重新选择。"})
    return option


def answer_basis(result: str, option_key: str = "", facts: dict | None = None, *, strict=True):
    """The basis of an answer with ``result``: its citations and sentences, filled with ``facts``.

    ``strict`` (when the answer is drafted) refuses missing facts with a BasisError naming each
    field; otherwise (re-rendering an old letter) a missing fact reads （未填写）.
    """
    facts = facts or {}
    try:
        option = option_for(result, option_key)
    except BasisError:
        if strict or not options_for(result):
            raise
        option = options_for(result)[0]
    problems: dict[str, str] = {}
    values: dict[str, object] = {}
    for key in option.facts:
        fact = FACTS[key]
        if fact.boolean:
            values[key] = facts.get(key) in (True, "1", "true", "on", "True")
            continue
        value = _clean(facts.get(key))
        if fact.choices and value and value not in dict(fact.choices):
            problems[key] = f"请选择{fact.label}。"
        if key in option.needs and not value:
            problems[key] = f"请填写{fact.label}。" if not fact.choices else f"请选择{fact.label}。"
        values[key] = value
    citations = list(option.citations)
    ground = ""
    if "withheld_ground" in values and values["withheld_ground"] in WITHHELD_GROUNDS:
        _label, ground, extra = WITHHELD_GROUNDS[values["withheld_ground"]]
        citations += extra
    consulted = bool(values.get("third_party_consulted"))
    if consulted and option.key == "partial" and values.get("withheld_ground") != "15":
        problems["third_party_consulted"] = (
            "只有不予公开的部分涉及第三方合法权益（第十五条）时，才征求第三方意见（第三十二条）。"
        )
    if consulted:
        citations.append(A32)
    if problems and strict:
        raise BasisError(problems)
    citations.sort(key=CITATION_ORDER.index)
    fill = {
        key: (value if value or key in option.optional else MISSING)
        for key, value in values.items()
        if not isinstance(value, bool)
    }
    if "law" in fill and fill["law"] != MISSING:
        fill["law"] = _law(fill["law"])
    where = values.get("where")
    text = option.text.format(
        **fill,
        cite=cite(citations),
        ground=ground or MISSING if "withheld_ground" in values else "",
        consulted=CONSULTED if consulted else "",
        where_clause=f"（办理途径：{where}）" if where else "",
    )
    stored = {key: value for key, value in values.items() if value not in ("", False)}
    return Basis(option=option.key, citations=citations, text=text, facts=stored)
