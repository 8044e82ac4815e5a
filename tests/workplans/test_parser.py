"""Reading a 政务公开工作要点: numbering, the units in parentheses, dates, the document deadline."""

from datetime import date

import pytest

from gongkai.workplans.parser import (
    ALL,
    INTERNAL,
    OTHER,
    SUBORDINATE,
    find_deadlines,
    group_scope,
    numbering,
    parse_plan,
    parse_unit_phrase,
)
from tests.workplans.conftest import SEED_003

# --- Numbering -------------------------------------------------------------------------------


def paths(plan):
    return [node.path for node in plan.walk()]


def test_four_levels_of_numbering_make_a_tree():
    plan = parse_plan(
        "2026年政务公开工作要点\n"
        "一、总体要求\n"
        "（一）加强解读。（办公室负责）\n"
        "二、重点任务\n"
        "（一）推进执法公开\n"
        "1.公开许可结果\n"
        "（1）公开行政许可。（运输股落实）\n"
        "（2）公开行政处罚。（路政股落实）\n"
        "2.公开检查结果。（路政股落实）\n"
        "（二）推进项目公开。（建设股落实）\n"
    )
    assert paths(plan) == [
        "一",
        "一/（一）",
        "二",
        "二/（一）",
        "二/（一）/1.",
        "二/（一）/1./（1）",
        "二/（一）/1./（2）",
        "二/（一）/2.",
        "二/（二）",
    ]
    assert [n.level for n in plan.walk()] == [1, 2, 1, 2, 3, 4, 4, 3, 2]
    assert [t.path for t in plan.tasks()] == [
        "一/（一）",
        "二/（一）/1./（1）",
        "二/（一）/1./（2）",
        "二/（一）/2.",
        "二/（二）",
    ]


def test_half_width_and_full_width_parentheses_and_dots_are_the_same_numbering():
    plan = parse_plan(
        "一、公开\n(一)甲任务。(办公室牵头)\n（二）乙任务。（运输股牵头）\n"
        "(三)丙任务\n1．丁事项\n2、戊事项\n3. 己事项\n(1)庚\n（2）辛\n"
    )
    assert paths(plan) == [
        "一",
        "一/（一）",
        "一/（二）",
        "一/（三）",
        "一/（三）/1.",
        "一/（三）/2.",
        "一/（三）/3.",
        "一/（三）/3./（1）",
        "一/（三）/3./（2）",
    ]


def test_a_plan_may_start_at_any_level():
    plan = parse_plan("（一）甲任务。（办公室负责）\n（二）乙任务。（运输股负责）\n")
    assert paths(plan) == ["（一）", "（二）"]
    assert all(n.level == 1 for n in plan.walk())


def test_di_yi_parts_sit_above_the_items_they_contain():
    plan = parse_plan(
        "第一部分 总体要求\n一、指导思想\n第二部分 重点任务\n一、深化公开。（办公室牵头）\n"
        "二、强化解读。（运输股牵头）\n"
    )
    assert paths(plan) == ["第一部分", "第一部分/一", "第二部分", "第二部分/一", "第二部分/二"]
    assert plan.roots[1].title == "重点任务"


def test_di_yi_with_a_comma_and_circled_numbers_are_understood():
    assert numbering("第一，加强组织领导。")[2] == "第一"
    assert numbering("①公开许可结果")[2] == "①"
    assert numbering("2019年政务公开工作要点") is None  # a year is not a number
    assert numbering("1.5亿元用于公路建设") is None
    assert numbering("一、") is None  # nothing after the number


def test_a_repeated_number_keeps_its_own_path():
    plan = parse_plan("（一）甲。（办公室负责）\n（一）乙。（运输股负责）\n")
    assert paths(plan) == ["（一）", "（一）#2"]


def test_continuation_paragraphs_belong_to_the_item_and_the_trailer_does_not():
    plan = parse_plan(
        "一、公开\n（一）推进公开。\n第二段说明。（办公室牵头，运输股配合）\n"
        "附件：1.任务分工表\n扫一扫在手机上查看当前页面\n"
    )
    task = plan.tasks()[0]
    assert task.paragraphs == ["推进公开。", "第二段说明。（办公室牵头，运输股配合）"]
    assert task.phrase.lead == ("办公室",)
    assert plan.trailer[0].startswith("附件")


def test_the_title_is_the_first_sentence_without_the_units():
    plan = parse_plan("（一）深入解读重要政策措施（局政法处牵头）。围绕重点任务解读。\n")
    assert plan.tasks()[0].title == "深入解读重要政策措施"
    assert plan.tasks()[0].phrase.lead == ("局政法处",)


# --- Units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "lead", "cooperating"),
    [
        ("局政法处牵头，局属各单位、机关各处室配合", ["局政法处"], ["局属各单位", "机关各处室"]),
        (
            "局建管处、重点办、审批处、市质监站落实",
            ["局建管处", "重点办", "审批处", "市质监站"],
            [],
        ),
        (
            "局协调处、办公室牵头，各部门、各单位按职责分工负责",
            ["局协调处", "办公室"],
            ["各部门", "各单位"],
        ),
        ("局办公室、科信处,市公路中心落实", ["局办公室", "科信处", "市公路中心"], []),
        (
            "局审批处牵头,局属各单位、局机关各处室配合。",
            ["局审批处"],
            ["局属各单位", "局机关各处室"],
        ),
        ("局办公室负责", ["局办公室"], []),
        ("由运输股牵头负责，路政股协助", ["运输股"], ["路政股"]),
        ("牵头单位：办公室；配合单位：运输股、建设股", ["办公室"], ["运输股", "建设股"]),
        ("责任单位：建设股", ["建设股"], []),
        ("局办公室和政法处牵头", ["局办公室", "政法处"], []),
        ("县住房和城乡建设局配合，运输股牵头", ["运输股"], ["县住房和城乡建设局"]),
        ("各股室按职责分工落实", ["各股室"], []),
    ],
)
def test_unit_phrases(phrase, lead, cooperating):
    parsed = parse_unit_phrase(phrase)
    assert list(parsed.lead) == lead
    assert list(parsed.cooperating) == cooperating


@pytest.mark.parametrize(
    "text", ["试行", "互联网协议第6版", "榕政办〔2018〕99号", "2019年12月16日前", ""]
)
def test_a_parenthesis_that_names_no_units_is_not_a_unit_phrase(text):
    assert parse_unit_phrase(text) is None


def test_only_the_parenthesis_with_units_is_taken_when_there_are_several():
    plan = parse_plan(
        "（一）完成IPv6（互联网协议第6版）改造，落实《办法》（试行）。（局办公室、科信处落实）\n"
    )
    assert plan.tasks()[0].phrase.lead == ("局办公室", "科信处")


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("局属各单位", SUBORDINATE),
        ("各直属单位", SUBORDINATE),
        ("机关各处室", INTERNAL),
        ("局机关各处室", INTERNAL),
        ("各科室", INTERNAL),
        ("局机关各股室", INTERNAL),
        ("各部门", ALL),
        ("各单位", ALL),
        ("有关单位", ALL),
        ("各乡镇", OTHER),
        ("局政法处", None),
        ("市公路中心", None),
        ("办公室", None),
    ],
)
def test_collective_phrases_mean_all_units_of_a_kind(name, scope):
    assert group_scope(name) == scope


def test_items_without_units_are_reported_not_listed_as_tasks():
    plan = parse_plan(
        "一、重点任务\n（一）推进公开。（办公室牵头）\n二、工作要求\n（一）加强组织领导。\n"
    )
    assert [t.path for t in plan.tasks()] == ["一/（一）"]
    assert any("二/（一）" in w and "未列为任务" in w for w in plan.warnings)


def test_sub_points_of_an_owned_item_are_part_of_the_task():
    plan = parse_plan("（一）推进公开。（办公室牵头）\n1.公开甲。\n2.公开乙。\n")
    assert [t.path for t in plan.tasks()] == ["（一）"]


def test_a_part_with_units_gives_them_to_its_unowned_items():
    plan = parse_plan(
        "一、执法公开（路政股牵头）\n（一）公开许可。\n（二）公开处罚。（运输股牵头）\n"
    )
    tasks = {t.path: t for t in plan.tasks()}
    assert set(tasks) == {"一/（一）", "一/（二）"}
    assert tasks["一/（一）"].phrase.lead == ("路政股",)
    assert tasks["一/（一）"].phrase_inherited
    assert tasks["一/（二）"].phrase.lead == ("运输股",)


def test_a_plan_without_any_units_lists_its_leaves_and_says_so():
    plan = parse_plan("一、公开\n（一）甲。\n（二）乙。\n")
    assert [t.path for t in plan.tasks()] == ["一/（一）", "一/（二）"]
    assert any("没有找到责任单位" in w for w in plan.warnings)


# --- Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请于2019年12月16日前报送", [date(2019, 12, 16)]),
        ("12月底前完成", [date(2019, 12, 31)]),
        ("2月底前完成", [date(2019, 2, 28)]),
        ("6月30日之前", [date(2019, 6, 30)]),
        ("截至11月30日", [date(2019, 11, 30)]),
        ("9月中旬完成", [date(2019, 9, 20)]),
        ("年底前完成清理", [date(2019, 12, 31)]),
        ("上半年完成", [date(2019, 6, 30)]),
        ("三季度末前完成", [date(2019, 9, 30)]),
        ("于次年1月31日前公布", [date(2020, 1, 31)]),
        ("6月底前建成，12月20日前验收", [date(2019, 6, 30), date(2019, 12, 20)]),
        ("2019年5月14日召开常务会议", []),  # a date, not a limit
        ("公开后3个工作日内发布", []),  # relative, not a date
        ("2月30日前", []),  # no such day
    ],
)
def test_dates_in_the_text_become_deadlines(text, expected):
    assert find_deadlines(text, 2019) == expected


def test_every_quarter_gives_milestones_up_to_the_deadline():
    plan = parse_plan(
        "请于2026年12月10日前报送落实情况。\n2026年政务公开工作要点\n"
        "（一）每季度开展一次在线访谈。（办公室牵头）\n"
    )
    task = plan.tasks()[0]
    assert task.recurrence == "每季度"
    assert task.deadline == date(2026, 12, 10)
    assert task.milestones == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 10),
    ]


def test_the_documents_deadline_applies_to_tasks_without_their_own():
    plan = parse_plan(
        "各股室：\n请于2026年12月10日前将落实情况报局办公室。\n2026年政务公开工作要点\n"
        "（一）甲。（办公室牵头）\n（二）乙，6月底前完成。（运输股牵头）\n"
    )
    first, second = plan.tasks()
    assert plan.report_deadline == date(2026, 12, 10)
    assert (first.deadline, first.deadline_source) == (date(2026, 12, 10), "document")
    assert (second.deadline, second.deadline_source) == (date(2026, 6, 30), "text")


def test_the_deadline_may_be_asked_for_in_the_closing_part():
    plan = parse_plan(
        "2026年政务公开工作要点\n一、任务\n（一）甲。（办公室牵头）\n"
        "二、工作要求\n各股室于12月15日前报送全年落实情况。\n"
    )
    assert plan.report_deadline == date(2026, 12, 15)


def test_a_plan_without_a_year_uses_the_year_given():
    plan = parse_plan("（一）甲，6月底前完成。（办公室牵头）\n", year=2027)
    assert plan.year == 2027
    assert plan.tasks()[0].deadline == date(2027, 6, 30)


# --- Seed 003 --------------------------------------------------------------------------------


@pytest.fixture
def seed_003():
    if not SEED_003.exists():
        pytest.skip("seed 003 not available")
    return SEED_003.read_text(encoding="utf-8")


def test_seed_003_has_twelve_tasks_with_their_units_and_the_deadline_of_16_december(seed_003):
    plan = parse_plan(seed_003)
    assert plan.title == "福州市交通运输局2019年政务公开工作主要任务"
    assert plan.year == 2019
    assert plan.issued == date(2019, 8, 28)
    assert plan.report_deadline == date(2019, 12, 16)
    tasks = plan.tasks()
    assert [t.path for t in tasks] == [
        "一/（一）",
        "一/（二）",
        "一/（三）",
        "二/（一）",
        "二/（二）",
        "二/（三）",
        "二/（四）",
        "二/（五）",
        "三/（一）",
        "三/（二）",
        "四/（一）",
        "四/（二）",
    ]
    assert all(t.phrase and t.phrase.lead for t in tasks)
    assert all(t.deadline == date(2019, 12, 16) for t in tasks)
    by_path = {t.path: t for t in tasks}
    assert by_path["一/（一）"].phrase.lead == ("局政法处",)
    assert by_path["一/（一）"].phrase.cooperating == ("局属各单位", "机关各处室")
    assert by_path["二/（一）"].phrase.lead == ("局协调处", "办公室")
    assert by_path["二/（二）"].phrase.cooperating == (
        "市公路中心",
        "市道运中心",
        "市水运中心",
        "市交通执法支队",
    )
    assert by_path["二/（三）"].phrase.lead == ("局建管处", "重点办", "审批处", "市质监站")
    assert by_path["二/（五）"].phrase.lead == ("局属各单位", "局机关各处室")
    assert by_path["四/（二）"].title == "强化组织领导"
    assert plan.roots[0].title == "加强政策解读,主动引导预期"
    assert not any("扫一扫" in p for t in tasks for p in t.paragraphs)
