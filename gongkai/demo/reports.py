"""示例县交通运输局's 政府信息公开工作年度报告 for the demo, built by the real services.

* Last year's report is drafted from the demo's own figures (items, 依申请公开, appeals, fees),
  the sections a person writes are filled in, 表二's imported rows (行政许可、处罚、强制、收费)
  are entered, and it goes through the review chain into the 政府信息公开年报 column, as it would
  have in January: its events and dates are moved back to the working days before 31 January.
  If the demo is built in January before that, the report is left waiting on 分管领导.
* This year's report is prepared (the figures' sentences drafted) and left as a draft for the
  disclosure office to finish.

The chain: 林晓 (公开办) drafts; 赵主任 (办公室主任, 股室负责人 of 办公室) → 陈建国 (保密审查) →
刘副局长 → 周局长 → 周敏 (公开办) publishes: nobody reviews their own draft, and 赵主任, who signed
as 股室负责人, does not sign a second step. A second run finds the
reports and writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.annual_reports import services
from gongkai.annual_reports.deadlines import publication_due
from gongkai.annual_reports.models import AnnualReport
from gongkai.demo.publishing import demo_today, settle_backdated
from gongkai.org.models import Agency
from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem, ItemEvent
from gongkai.workdays.rules import CalendarNotCovered
from gongkai.workdays.services import get_calendar

TRANSPORT = "SX120"
DRAFTER = "xiaolin"
CHAIN = ["zhaozr", "laochen", "liufj", "zhoujz", "zhoumin"]

OVERVIEW = (
    "{year}年，示例县交通运输局深入贯彻落实《中华人民共和国政府信息公开条例》和县政府关于政务"
    "公开工作的部署，坚持以公开为常态、不公开为例外，围绕交通基础设施建设、城乡客运、道路运输"
    "安全和行政执法等群众关注的事项，推进决策、执行、管理、服务、结果公开。"
    "一是加强组织领导。调整政务公开工作领导小组，由局主要负责同志任组长，办公室负责日常工作，"
    "各股室明确一名信息员，形成“主要领导负总责、分管领导具体抓、股室抓落实”的工作格局。"
    "二是规范发布流程。严格执行“拟稿—股室审核—保密审查—分管领导审核—主要领导审批—公开办发布”"
    "制度，全年未发生泄密和不当公开事件。"
    "三是做好政策解读。规范性文件与解读材料同步起草、同步审签、同步发布。"
    "四是依法办理依申请公开。严格按照法定时限答复，答复书面告知救济途径。"
)
PROBLEMS = (
    "一是部分栏目信息更新不够及时，个别股室报送信息滞后；二是政策解读形式较为单一，图解、视频等"
    "解读方式运用不多；三是依申请公开答复文书的说理还需加强。\n"
    "改进措施：建立栏目更新月度巡查和通报制度，将信息报送情况纳入股室年度考核；丰富政策解读"
    "形式，重要政策文件配发图解；组织依申请公开业务培训，规范答复文书。"
)
#: 表二's imported rows (from the 行政审批、执法 systems): 行政许可 处理决定数量, 行政处罚,
#: 行政强制 (2021 format: 行政处罚 and 行政强制 one cell each) and 行政事业性收费 (万元).
MANUAL = {"licensing": [1268], "penalty": [215], "enforcement": [3], "fees": [12.6]}


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def publication_days(year: int, cal) -> list[date]:
    """Seven working days ending two working days before the report's 31 January deadline."""
    days = []
    day = publication_due(kind="department", level="county", year=year)
    try:
        while len(days) < 9:
            if cal.is_workday(day):
                days.append(day)
            day -= timedelta(days=1)
    except CalendarNotCovered:
        return []
    return sorted(days)[:7]


def _backdate(item: InformationItem, days: list[date]) -> None:
    tz = timezone.get_current_timezone()
    events = list(item.events.order_by("id"))
    moments = []
    for index, event in enumerate(events):
        day = days[min(index * len(days) // max(len(events), 1), len(days) - 1)]
        moment = datetime.combine(day, time(9 + index % 8, 10 + 7 * index % 40), tzinfo=tz)
        if moments and moment <= moments[-1]:
            moment = moments[-1] + timedelta(minutes=17)
        moments.append(moment)
        ItemEvent.objects.filter(pk=event.pk).update(at=moment)
    update = {
        "created_at": moments[0],
        "formed_date": days[0],
        "written_date": days[0],
    }
    if item.status == InformationItem.Status.PUBLISHED:
        update.update(published_at=moments[-1], decided_at=moments[-1])
    InformationItem.objects.filter(pk=item.pk).update(**update)
    item.refresh_from_db()
    InformationItem.objects.filter(pk=item.pk).update(due_date=publishing.compute_due_date(item))
    item.attachments.update(uploaded_at=moments[0])
    settle_backdated(item)


@transaction.atomic
def build_reports() -> str:
    agency = Agency.objects.filter(code=TRANSPORT).first()
    people = {name: _user(name) for name in {DRAFTER, *CHAIN}}
    if agency is None or None in people.values():
        return "年度报告：示例县缺少交通运输局或演示人员，跳过。"
    today = demo_today(get_calendar())
    last_year = today.year - 1
    if AnnualReport.objects.filter(agency=agency, year=last_year).exists():
        return _summary(agency, fresh=False)
    drafter = people[DRAFTER]
    report = services.report_prepare(agency=agency, year=last_year, by=drafter)
    report = services.report_update(
        report=report,
        by=drafter,
        data={
            "overview": OVERVIEW.format(year=last_year),
            "problems": PROBLEMS,
            "manual_table2": MANUAL,
        },
    )
    report = services.report_submit(report=report, by=drafter)
    days = [d for d in publication_days(last_year, get_calendar()) if d < today]
    item = report.item
    steps = CHAIN if len(days) == 7 else CHAIN[:2]  # January, before the deadline: in review
    for who in steps:
        item = publishing.item_approve(item=item, by=people[who], comment="同意")
    if days:
        _backdate(item, days)

    current = services.report_prepare(agency=agency, year=today.year, by=drafter)
    services.report_update(report=current, by=drafter, data={"manual_table2": {}})
    return _summary(agency, fresh=True)


def _summary(agency: Agency, *, fresh: bool) -> str:
    reports = AnnualReport.objects.filter(agency=agency).select_related("item").order_by("year")
    states = "、".join(f"{r.year}年{r.state}" for r in reports)
    verb = "已编制" if fresh else "已存在"
    return f"年度报告：{agency.short_name}{verb}（{states}）。"
