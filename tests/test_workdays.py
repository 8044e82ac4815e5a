"""The working-day calendar: 调休, holidays and the counting convention, 2019–2026, on the stored data.

The oracle below counts with chinese-calendar's own ``is_workday`` one day at a time: a second path
to the same answer that shares none of Gongkai's code (seeding, storage, rules). A handful of cases
are also written out by hand from the State Council notices.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.management import call_command

from gongkai.workdays import rules
from gongkai.workdays.models import CalendarDay, HolidayYear
from gongkai.workdays.services import (
    add_working_days,
    get_calendar,
    next_year_missing,
    working_days_between,
)

pytestmark = pytest.mark.django_db

FESTIVALS = {
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}
YEARS = range(2019, 2027)


def oracle_add(start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def festival_days(year: int, english: str) -> list[date]:
    from chinese_calendar import constants

    return sorted(d for d, name in constants.holidays.items() if d.year == year and name == english)


def makeup_days(year: int, english: str) -> list[date]:
    from chinese_calendar import constants

    return sorted(
        d
        for d, name in constants.workdays.items()
        if d.year == year and name == english and d.weekday() >= 5
    )


CASES = [(year, zh) for year in YEARS for zh in FESTIVALS]


@pytest.mark.parametrize(("year", "festival"), CASES, ids=[f"{y}-{f}" for y, f in CASES])
def test_deadlines_across_every_festival_2019_to_2026(year, festival):
    english = FESTIVALS[festival]
    days = festival_days(year, english)
    if not days:
        # 2020's 中秋 (10月1日) fell inside 国庆, and the notice merged them: 10月1日至8日.
        assert (year, festival) == (2020, "中秋节")
        days = festival_days(year, "National Day")
        assert date(2020, 10, 1) in days
    first, last = days[0], days[-1]
    before = first - timedelta(days=1)
    while not chinese_calendar.is_workday(before):
        before -= timedelta(days=1)

    # From the last working day before the holiday, the next working day is after the holiday.
    assert add_working_days(before, 1) == oracle_add(before, 1)
    assert add_working_days(before, 1) > last
    # Starting on a holiday: the holiday itself and the days after it are not counted.
    for start in (first, days[len(days) // 2], last):
        for n in (1, 7, 15, 20):
            assert add_working_days(start, n) == oracle_add(start, n), (start, n)
    # Starting on a make-up day (调休上班): that day is not counted, the next working day is.
    for makeup in makeup_days(year, english):
        for n in (1, 20):
            assert add_working_days(makeup, n) == oracle_add(makeup, n), (makeup, n)
        # …and a make-up day inside a span is counted like any working day.
        assert working_days_between(makeup - timedelta(days=1), makeup) == 1
    # The inverse holds for the 20-day statutory limit.
    due = add_working_days(before, 20)
    assert working_days_between(before, due) == 20


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # 国务院办公厅通知, written out by hand:
        (date(2024, 9, 27), 20, date(2024, 10, 30)),  # 9/29 (日) and 10/12 (六) worked
        (date(2024, 9, 28), 1, date(2024, 9, 29)),  # a Saturday; Sunday 9/29 is a make-up day
        (date(2024, 9, 30), 1, date(2024, 10, 8)),  # 10/1–10/7 off
        (date(2019, 9, 30), 1, date(2019, 10, 8)),
        (date(2020, 9, 30), 1, date(2020, 10, 9)),  # 国庆+中秋 10/1–10/8
        (date(2023, 9, 28), 1, date(2023, 10, 7)),  # 9/29–10/6 off, 10/7 (六) worked
        (date(2025, 1, 27), 1, date(2025, 2, 5)),  # 春节 1/28–2/4
        (date(2025, 1, 24), 1, date(2025, 1, 26)),  # 1/26 (日) worked
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # 2/14 (六) worked, then 春节 2/15–2/23
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
        (date(2026, 9, 30), 0, date(2026, 9, 30)),  # zero days: the start itself
    ],
)
def test_known_deadlines_from_the_notices(start, n, due):
    assert add_working_days(start, n) == due


def test_start_day_is_never_counted():
    monday = date(2026, 11, 23)
    assert add_working_days(monday, 1) == date(2026, 11, 24)
    assert working_days_between(monday, monday) == 0


def test_working_days_between_is_signed():
    a, b = date(2024, 9, 27), date(2024, 10, 30)
    assert working_days_between(a, b) == 20
    assert working_days_between(b, a) == -20


def test_a_year_nobody_entered_raises_instead_of_guessing():
    with pytest.raises(rules.CalendarNotCovered, match="2027年节假日安排尚未录入"):
        add_working_days(date(2026, 12, 20), 20)
    with pytest.raises(rules.CalendarNotCovered, match="2027年节假日安排尚未录入"):
        add_working_days(date(2027, 1, 4), 1)
    with pytest.raises(rules.CalendarNotCovered, match="2027年节假日安排尚未录入"):
        working_days_between(date(2026, 12, 1), date(2027, 1, 5))


def test_an_admin_enters_next_year_and_deadlines_follow_it():
    year = HolidayYear.objects.create(
        year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知"
    )
    CalendarDay.objects.create(year=year, date=date(2027, 1, 1), is_workday=False, name="元旦")
    # Half-entered: still refused.
    with pytest.raises(rules.CalendarNotCovered):
        add_working_days(date(2026, 12, 31), 1)
    year.is_complete = True
    year.save()
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # 1/1 off, then a weekend


def test_an_admin_override_changes_a_single_date():
    year = HolidayYear.objects.get(year=2026)
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)
    CalendarDay.objects.create(
        year=year, date=date(2026, 11, 23), is_workday=False, name="临时调整"
    )
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 24)
    CalendarDay.objects.create(year=year, date=date(2026, 11, 21), is_workday=True, name="临时调休")
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 21)


def test_seeding_again_adds_nothing_and_keeps_admin_edits():
    from gongkai.workdays.services import seed_from_package

    day = CalendarDay.objects.get(date=date(2026, 10, 1))
    day.name = "国庆节（已核对）"
    day.save()
    assert seed_from_package() == (0, 0)
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆节（已核对）"


def test_reminder_to_enter_next_year_from_november():
    cal = get_calendar()
    assert next_year_missing(date(2026, 10, 31), cal) is None
    assert next_year_missing(date(2026, 11, 1), cal) == 2027


def test_explanation_lists_skipped_days_and_counted_makeup_days():
    due, steps = rules.add_working_days_steps(date(2024, 9, 27), 20, get_calendar())
    lines = rules.explain(steps)
    assert due == date(2024, 10, 30)
    assert "2024-09-28 不计：周末（星期六）" in lines
    assert "2024-09-29 计入第1个工作日：国庆节调休上班（星期日）" in lines
    assert "2024-10-01 不计：国庆节放假（星期二）" in lines
    assert "2024-10-12 计入第7个工作日：国庆节调休上班（星期六）" in lines
    # Ordinary weekdays are counted silently.
    assert not any(line.startswith("2024-10-08") for line in lines)


def test_cli_prints_the_due_date_first(capsys):
    call_command("workdays", "add", "2024-09-27", "20")
    assert capsys.readouterr().out.splitlines() == ["2024-10-30"]


def test_cli_explain(capsys):
    call_command("workdays", "add", "2024-09-27", "20", "--explain")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2024-10-30"
    assert "2024-09-29 计入第1个工作日：国庆节调休上班（星期日）" in lines
    assert "2024-10-07 不计：国庆节放假（星期一）" in lines


def test_cli_refuses_an_unknown_year():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2027年节假日安排尚未录入"):
        call_command("workdays", "add", "2027-03-01", "5")


def test_cli_between(capsys):
    call_command("workdays", "between", "2024-09-27", "2024-10-30")
    assert capsys.readouterr().out.strip() == "20"


def test_calculator_page_explains_and_keeps_bad_input(client, xiaoli):
    client.force_login(xiaoli)
    page = client.get("/staff/workdays/", {"start": "2024-09-27", "days": "20"})
    assert "2024-10-30" in page.text
    assert "国庆节调休上班" in page.text
    bad = client.get("/staff/workdays/", {"start": "2024-13-45", "days": "二十"})
    assert "起算日格式不正确" in bad.text
    assert "工作日数必须是整数" in bad.text
    assert 'value="2024-13-45"' in bad.text
    assert 'value="二十"' in bad.text
    unknown = client.get("/staff/workdays/", {"start": "2026-12-20", "days": "20"})
    assert "2027年节假日安排尚未录入" in unknown.text


def test_year_page_marks_holidays_and_makeup_days(client, xiaoli):
    client.force_login(xiaoli)
    page = client.get("/staff/workdays/2026/")
    assert "国庆节" in page.text and "（上班）" in page.text
    assert "2027年节假日安排尚未录入" in client.get("/staff/workdays/2027/").text


def test_the_first_day_whose_20_working_days_reach_next_year():
    """From 2026-12-04 on, 第三十三条's 20 working days end in 2027 (counted back from 31
    December: 19 working days after the 4th, 20 after the 3rd)."""
    cal = get_calendar()
    first = rules.first_start_reaching_next_year(2026, 20, cal)
    assert first == date(2026, 12, 4)
    assert rules.add_working_days(date(2026, 12, 3), 20, cal) == date(2026, 12, 31)
    with pytest.raises(rules.CalendarNotCovered, match="2027"):
        rules.add_working_days(first, 20, cal)


def test_the_admin_is_reminded_when_the_first_deadline_needs_next_year(sysadmin):
    from gongkai.workbench.providers import holiday_arrangement

    [task] = holiday_arrangement(sysadmin, None, date(2026, 11, 2))
    assert task.title == "录入2027年节假日安排"
    assert task.due == date(2026, 12, 4)  # not 1 January: requests from then on need 2027
    assert "自2026-12-04起收到的申请" in task.note and "2027年" in task.note
