"""The annual report's tables from the records: exactly the rows of the format, counted by
aggregates, and consistent (rules A–D, blank) by construction — proven on generated data."""

import random
from datetime import date

import pytest

from gongkai.annual_reports.compute import build_tables
from gongkai.annual_reports.consistency import check, notes
from gongkai.annual_reports.formats import FORMAT_2019, FORMAT_2021, table3_value_rows
from gongkai.applications.choices import AppealKind, AppealOutcome, ApplicantType, Result
from gongkai.applications.models import Appeal, Application

pytestmark = pytest.mark.django_db


def make_application(agency, n, *, kind, received, answered=None, result=""):
    return Application.objects.create(
        agency=agency,
        number=f"T-{n}",
        code_hash="x",
        channel="in_person",
        applicant_type=kind,
        name="测试",
        id_type="passport",
        id_number="E1",
        phone="1",
        description="测试",
        form_wanted="paper",
        delivery="post",
        received_date=received,
        answered_date=answered,
        result=result,
        status="answered" if answered else "in_progress",
    )


def generate(agency, seed: int, count: int = 300):
    """Random applications over 2024–2026, with answers sometimes crossing a year end."""
    rng = random.Random(seed)
    kinds, results = ApplicantType.values, Result.values
    for n in range(count):
        received = date(rng.randint(2024, 2026), rng.randint(1, 12), rng.randint(1, 28))
        answered = None
        if rng.random() < 0.85:
            days = rng.randint(0, 60)
            answered = date.fromordinal(received.toordinal() + days)
            if answered > date(2026, 11, 20):
                answered = None
        application = make_application(
            agency,
            n,
            kind=rng.choice(kinds),
            received=received,
            answered=answered,
            result=rng.choice(results) if answered else "",
        )
        if answered and rng.random() < 0.2:
            filed = date.fromordinal(answered.toordinal() + rng.randint(1, 40))
            outcome = rng.choice(AppealOutcome.values)
            Appeal.objects.create(
                application=application,
                kind=rng.choice(AppealKind.values),
                filed_date=filed,
                body="某复议机关",
                outcome=outcome,
                outcome_date=None
                if outcome == "pending"
                else date.fromordinal(filed.toordinal() + rng.randint(1, 90)),
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_tables_built_from_the_system_satisfy_every_rule(transport, seed, year):
    generate(transport, seed)
    tables = build_tables(
        [transport.pk],
        year,
        manual={"licensing": [120], "penalty": [30], "enforcement": [0], "fees": [12.5]},
    )
    assert tables.format == FORMAT_2021
    assert check(tables) == []
    # Every application received by the year's end is counted exactly once on each side of A.
    t3 = tables.table3
    assert t3["new"][6] + t3["carried_in"][6] == t3["total"][6] + t3["carried_over"][6]


def test_the_rows_and_labels_are_exactly_the_formats(transport):
    tables = build_tables([transport.pk], 2025)
    assert list(tables.table3) == [row.key for row in table3_value_rows(FORMAT_2021)]
    labels = [row.label for row in table3_value_rows(FORMAT_2021)]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]


def test_2019_and_2020_use_the_2019_format_with_one_other_row(transport):
    make_application(
        transport,
        1,
        kind="natural",
        received=date(2020, 3, 2),
        answered=date(2020, 3, 20),
        result=Result.OTHER_NO_SUPPLEMENT,
    )
    tables = build_tables([transport.pk], 2020)
    assert tables.format == FORMAT_2019
    assert tables.table3["other"][0] == 1 and tables.table3["total"][6] == 1
    assert "other_1" not in tables.table3


def test_manual_table2_cells_stay_blank_until_entered(transport):
    tables = build_tables([transport.pk], 2025)
    blanks = {(v.row, v.column) for v in notes(tables)}
    assert ("行政许可", "本年处理决定数量") in blanks
    assert ("行政事业性收费", "本年收费金额（单位：万元）") in blanks


def test_counts_match_hand_counted_cases(transport):
    make_application(
        transport,
        1,
        kind="natural",
        received=date(2025, 3, 3),
        answered=date(2025, 3, 20),
        result=Result.DISCLOSED,
    )
    make_application(
        transport,
        2,
        kind="commercial",
        received=date(2025, 12, 24),
        answered=date(2026, 1, 8),
        result=Result.PARTIAL,
    )
    make_application(
        transport,
        3,
        kind="legal_services",
        received=date(2024, 12, 30),
        answered=date(2025, 1, 6),
        result=Result.WITHHELD_THIRD_PARTY,
    )
    t = build_tables([transport.pk], 2025).table3
    assert t["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert t["carried_in"] == [0, 0, 0, 0, 1, 0, 1]
    assert t["disclosed"] == [1, 0, 0, 0, 0, 0, 1]
    assert t["withheld_4"] == [0, 0, 0, 0, 1, 0, 1]
    assert t["total"] == [1, 0, 0, 0, 1, 0, 2]
    assert t["carried_over"] == [0, 1, 0, 0, 0, 0, 1]
    t26 = build_tables([transport.pk], 2026).table3
    assert t26["carried_in"][6] == 1 and t26["partial"][1] == 1


def test_appeal_outcomes_as_at_31_december(transport):
    application = make_application(
        transport,
        1,
        kind="natural",
        received=date(2025, 3, 3),
        answered=date(2025, 3, 20),
        result=Result.DISCLOSED,
    )
    Appeal.objects.create(
        application=application,
        kind="review",
        filed_date=date(2025, 4, 1),
        body="县政府",
        outcome="corrected",
        outcome_date=date(2025, 6, 1),
    )
    Appeal.objects.create(
        application=application,
        kind="litigation_direct",
        filed_date=date(2025, 11, 1),
        body="县法院",
        outcome="upheld",
        outcome_date=date(2026, 2, 1),
    )
    t4 = build_tables([transport.pk], 2025).table4
    assert t4["review"] == [0, 1, 0, 0, 1]
    assert t4["litigation_direct"] == [0, 0, 0, 1, 1]  # decided only in 2026: 尚未审结 at 12/31


def case(agency, kind="review", *, filed, outcome="pending", decided=None, **about):
    """A 行政复议/行政诉讼 case against ``agency``: about an application, an item or a subject."""
    if not about:
        about = {"subject": "政府信息公开工作"}
    return Appeal.objects.create(
        agency=agency,
        kind=kind,
        filed_date=filed,
        body="示例县人民政府",
        outcome=outcome,
        outcome_date=decided,
        **about,
    )


def test_a_case_filed_last_year_and_decided_this_year_counts_this_year_as_decided(transport):
    case(transport, filed=date(2025, 11, 3), outcome="corrected", decided=date(2026, 2, 10))
    assert build_tables([transport.pk], 2025).table4["review"] == [0, 0, 0, 1, 1]
    assert build_tables([transport.pk], 2026).table4["review"] == [0, 1, 0, 0, 1]
    assert build_tables([transport.pk], 2027).table4["review"] == [0, 0, 0, 0, 0]


def test_a_case_still_undecided_is_carried_into_each_year_as_not_yet_concluded(transport):
    case(transport, "litigation_direct", filed=date(2025, 6, 1))
    for year in (2025, 2026, 2027):
        assert build_tables([transport.pk], year).table4["litigation_direct"] == [0, 0, 0, 1, 1]
    assert build_tables([transport.pk], 2024).table4["litigation_direct"] == [0, 0, 0, 0, 0]


def test_a_case_decided_last_year_is_not_counted_again(transport):
    case(transport, filed=date(2025, 3, 2), outcome="upheld", decided=date(2025, 9, 1))
    case(transport, filed=date(2025, 12, 1), outcome="other", decided=date(2025, 12, 31))
    assert build_tables([transport.pk], 2025).table4["review"] == [1, 0, 1, 0, 2]
    assert build_tables([transport.pk], 2026).table4["review"] == [0, 0, 0, 0, 0]


def test_a_case_decided_on_1_january_was_still_open_at_the_start_of_that_year(transport):
    case(transport, filed=date(2025, 12, 1), outcome="upheld", decided=date(2026, 1, 1))
    assert build_tables([transport.pk], 2025).table4["review"] == [0, 0, 0, 1, 1]
    assert build_tables([transport.pk], 2026).table4["review"] == [1, 0, 0, 0, 1]


def test_cases_about_published_items_and_about_neither_are_counted(
    transport, chain_people, draft_data, catalogue
):
    from gongkai.publishing import services as publishing
    from tests.publishing.conftest import walk_chain

    item = publishing.item_create(agency=transport, by=chain_people["drafter"], data=draft_data())
    item = walk_chain(publishing.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    about_item = case(transport, "litigation_after_review", filed=date(2026, 3, 1), item=item)
    assert about_item.agency == transport and about_item.application is None
    case(transport, "litigation_after_review", filed=date(2026, 4, 1), subject="未公开年度报告")
    case(
        transport,
        "litigation_after_review",
        filed=date(2026, 5, 1),
        outcome="corrected",
        decided=date(2026, 8, 1),
        subject="未依法主动公开财政预算",
    )
    t4 = build_tables([transport.pk], 2026).table4
    assert t4["litigation_after_review"] == [0, 1, 0, 2, 3]
    assert t4["review"] == [0, 0, 0, 0, 0]


def test_a_case_counts_at_its_own_agency_only(transport, education, county):
    """共同被告: the case is recorded at the original agency; the 复议机关 (县政府) counts none."""
    case(transport, "litigation_after_review", filed=date(2026, 3, 1))
    assert build_tables([transport.pk], 2026).table4["litigation_after_review"][4] == 1
    assert build_tables([county.pk], 2026).table4["litigation_after_review"][4] == 0
    assert build_tables([education.pk], 2026).table4["litigation_after_review"][4] == 0
    everyone = [transport.pk, education.pk, county.pk]
    assert build_tables(everyone, 2026).table4["litigation_after_review"][4] == 1


def test_the_2019_format_counts_cases_the_same_way(transport):
    case(transport, filed=date(2019, 10, 8), outcome="upheld", decided=date(2020, 3, 2))
    case(transport, "litigation_direct", filed=date(2019, 11, 8))
    tables = build_tables([transport.pk], 2020)
    assert tables.format == FORMAT_2019
    assert tables.table4["review"] == [1, 0, 0, 0, 1]
    assert tables.table4["litigation_direct"] == [0, 0, 0, 1, 1]
    assert [v for v in check(tables) if v.rule != "blank"] == []  # blank: 表二's manual cells


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_rules_hold_with_cases_of_every_kind_across_years(transport, seed, year):
    generate(transport, seed)
    rng = random.Random(seed)
    for _ in range(40):
        filed = date(rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28))
        outcome = rng.choice(AppealOutcome.values)
        decided = None
        if outcome != "pending":
            decided = date.fromordinal(filed.toordinal() + rng.randint(0, 500))
        case(
            transport, rng.choice(AppealKind.values), filed=filed, outcome=outcome, decided=decided
        )
    tables = build_tables(
        [transport.pk],
        year,
        manual={"licensing": [1], "penalty": [1], "enforcement": [0], "fees": [0]},
    )
    assert check(tables) == []
    # Every case counted is one the agency was party to during the year, once.
    start, end = date(year, 1, 1), date(year, 12, 31)
    party = [
        a
        for a in Appeal.objects.all()
        if a.filed_date <= end
        and (a.filed_date >= start or a.outcome_date is None or a.outcome_date >= start)
    ]
    assert sum(row[4] for row in tables.table4.values()) == len(party)
    decided = [a for a in party if a.outcome != "pending" and a.outcome_date <= end]
    assert sum(sum(row[:3]) for row in tables.table4.values()) == len(decided)


def test_policy_documents_made_repealed_and_in_force(chain_people, draft_data, catalogue):
    from gongkai.publishing import services
    from tests.publishing.conftest import column, walk_chain

    normative = column(catalogue, "行政规范性文件")

    def publish(**extra):
        item = services.item_create(
            agency=catalogue, by=chain_people["drafter"], data=draft_data(entry=normative, **extra)
        )
        return walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)

    import time_machine

    # Published during 2026: the table counts what was public on 31 December.
    with time_machine.travel(date(2026, 11, 20), tick=True):
        publish(written_date=date(2026, 3, 1), validity="valid")
        publish(written_date=date(2026, 5, 1), validity="repealed", repealed_date=date(2026, 9, 1))
        publish(written_date=date(2025, 5, 1), validity="amended")
    row = build_tables([catalogue.pk], 2026).table2["normative"]
    assert row == [2, 1, 2]  # made in 2026: 2; repealed in 2026: 1; in force at 12/31: 2


def test_a_document_belongs_to_the_year_it_was_made_whenever_published(
    chain_people, draft_data, catalogue
):
    """Written on 28 December 2025, published on 5 January 2026: 本年制发 and 现行有效 in the
    2025 report (compiled in January), and not made again in 2026's."""
    import time_machine

    from gongkai.publishing import services
    from tests.publishing.conftest import column, walk_chain

    normative = column(catalogue, "行政规范性文件")
    with time_machine.travel(date(2026, 1, 5), tick=True):
        item = services.item_create(
            agency=catalogue,
            by=chain_people["drafter"],
            data=draft_data(
                entry=normative,
                written_date=date(2025, 12, 28),
                formed_date=date(2025, 12, 28),
                validity="valid",
            ),
        )
        walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    assert build_tables([catalogue.pk], 2025).table2["normative"] == [1, 0, 1]
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [0, 0, 1]
    # Its 有效期 ends on 30 June 2026: no longer 现行有效 at the end of 2026.
    type(item).objects.filter(pk=item.pk).update(valid_until=date(2026, 6, 30))
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [0, 0, 0]
    assert build_tables([catalogue.pk], 2025).table2["normative"] == [1, 0, 1]


def test_a_document_not_yet_in_force_at_the_year_end_is_not_current(
    chain_people, draft_data, catalogue
):
    import time_machine

    from gongkai.publishing import services
    from tests.publishing.conftest import column, walk_chain

    with time_machine.travel(date(2026, 12, 22), tick=True):
        item = services.item_create(
            agency=catalogue,
            by=chain_people["drafter"],
            data=draft_data(
                entry=column(catalogue, "行政规范性文件"),
                written_date=date(2026, 12, 20),
                formed_date=date(2026, 12, 20),
                effective_date=date(2027, 2, 1),
                validity="valid",
            ),
        )
        walk_chain(services.item_submit(item=item, by=chain_people["drafter"]), chain_people)
    assert build_tables([catalogue.pk], 2026).table2["normative"] == [1, 0, 0]
    assert build_tables([catalogue.pk], 2027).table2["normative"] == [0, 0, 1]
