"""自查 in the demo: a few things the 检查 would find that the rest of the demo does not already
hold (a 动态 column left for weeks, a dead external link and a link to a withdrawn item, a roster
with full 身份证号 in its XLSX, a 规范性文件 past its 有效期), then the first run of ``gongkai inspect`` for every agency, so
that the first visit to /staff/inspection/ shows real findings.

Already in the demo and found as they are: the county department's 规章 column never used, a 留言
unanswered for four months, 规范性文件 without their 政策解读, 留言 answered late.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.inspection import links
from gongkai.inspection import services as inspection
from gongkai.inspection.models import Run
from gongkai.org.models import Agency
from gongkai.publishing import services
from gongkai.publishing.choices import UpdateFrequency
from gongkai.publishing.models import CatalogueEntry, InformationItem, ItemEvent
from gongkai.publishing.sanitize import clean_html
from gongkai.search import indexer
from gongkai.workdays.services import get_calendar

from .publishing import TRANSPORT, demo_today

DEMO_KEY = "demo-inspection-"

NEWS = [
    (20, "县交通运输局开展冬季道路运输安全生产大检查"),
    (34, "县交通运输局召开农村公路“路长制”工作推进会"),
    (51, "县交通运输局组织开展交通运输行政执法人员业务培训"),
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def imported(agency, entry, title: str, body: str, day: date, key: str, **fields):
    """A historic item as the 历史导入 brings it: published on ``day`` on the old site."""
    item = InformationItem(
        agency=agency,
        entry=entry,
        title=title,
        body=clean_html(body),
        publisher_name=agency.name,
        formed_date=day,
        status=InformationItem.Status.PUBLISHED,
        disclosure="active",
        published_at=_at(day),
        decided_at=_at(day),
        created_at=_at(day),
        source=InformationItem.Source.IMPORTED,
        import_key=f"{DEMO_KEY}{key}",
        **fields,
    )
    item.due_date = services.compute_due_date(item)
    item.index_number = services.allocate_index_number(item=item, year=day.year)
    item.save()
    ItemEvent.objects.create(
        item=item,
        at=_at(day),
        action=ItemEvent.Action.IMPORTED,
        comment=f"历史导入：原网站政府信息公开专栏，发布日期 {day.isoformat()}",
        to_status=item.status,
    )
    indexer.index(item)
    return item


def _stale_news_column(transport: Agency, today: date) -> None:
    entry, _ = CatalogueEntry.objects.get_or_create(
        agency=transport,
        parent=None,
        name="工作动态",
        defaults={
            "code": "1900",
            "content": "本机关重要工作、会议、活动",
            "subject": transport.name,
            "update_frequency": UpdateFrequency.REALTIME,
            "sort_order": 5,
        },
    )
    for n, (days, title) in enumerate(sorted(NEWS, reverse=True), start=1):
        imported(
            transport,
            entry,
            title,
            f"<p>{title}。</p><p>（{transport.short_name or transport.name}供稿）</p>",
            today - timedelta(days=days),
            f"news-{n}",
        )


def _old_links(transport: Agency, today: date) -> None:
    """A notice whose links went dead: the old site's address (a host that cannot exist, RFC 2606
    .invalid) and an item since withdrawn."""
    entry = CatalogueEntry.objects.get(agency=transport, name="其他文件")
    gone = (
        InformationItem.objects.filter(agency=transport, status=InformationItem.Status.WITHDRAWN)
        .order_by("id")
        .first()
    )
    title = f"《{gone.title}》" if gone else "原通知"
    internal = f'<a href="/xxgk/{transport.code}/item/{gone.pk}/">{title}</a>' if gone else title
    imported(
        transport,
        entry,
        "关于公布2025年度道路运输企业质量信誉考核结果的通知",
        f"<p>各道路运输企业：根据{internal}，现将考核结果予以公布。考核细则见原网站"
        '<a href="http://www.shixian-jiaotong.invalid/zwgk/2025/kaohe.html">示例县交通运输局'
        "原门户网站</a>。</p>",
        today - timedelta(days=150),
        "links-dead",
    )


def _roster_xlsx(rows: list[list[str]]) -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "核发名单"
    sheet.append(["序号", "姓名", "身份证号", "从业资格类别", "发证日期"])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _personal_data_in_attachment(transport: Agency, today: date) -> None:
    """A roster published with citizens' full 身份证号 in its XLSX (imported from the old site, so
    it never passed the 保密审查 that now stops such a file)."""
    from gongkai.applications.identity import make_resident_id

    entry = CatalogueEntry.objects.get(agency=transport, name="行政许可")
    day = today - timedelta(days=12)
    item = imported(
        transport,
        entry,
        f"{day.year}年{day.month}月道路运输从业人员从业资格证核发名单",
        "<p>现将本月核发道路运输从业人员从业资格证的人员名单公布如下（见附件）。</p>",
        day,
        "roster",
    )
    people = [
        ("王建军", "35052119850312031"),
        ("李秀英", "35052119900721052"),
        ("陈志强", "35052119781105011"),
    ]
    rows = [
        [str(n), name, make_resident_id(base), "道路旅客运输驾驶员", day.isoformat()]
        for n, (name, base) in enumerate(people, start=1)
    ]
    services.attachment_add(
        item=item, by=None, upload=services.Upload("从业资格证核发名单.xlsx", _roster_xlsx(rows))
    )


def _expired_normative(transport: Agency, today: date) -> None:
    """A 规范性文件 whose 有效期 ended, still marked 有效."""
    entry = CatalogueEntry.objects.get(agency=transport, name="行政规范性文件")
    start = date(today.year - 3, 3, 1)
    imported(
        transport,
        entry,
        "示例县交通运输局关于印发《示例县农村客运班线经营权管理暂行办法》的通知",
        "<p>各乡镇人民政府、各运输企业：现将《示例县农村客运班线经营权管理暂行办法》印发给你们，"
        "请遵照执行。本办法自印发之日起施行，有效期三年。</p>",
        start,
        "expired",
        doc_number=f"示县交规〔{start.year}〕1号",
        written_date=start,
        validity="valid",
        valid_until=today - timedelta(days=40),
    )


def _in_date_order(item: InformationItem) -> None:
    """Give the 索引号 of ``item``'s category and year back in date order: an item imported with an
    earlier date took the next serial; in the demo (one transaction, nobody saw it) it takes the
    number it would have had on its day."""
    year = timezone.localtime(item.published_at).year
    group = list(
        InformationItem.objects.filter(
            agency=item.agency,
            entry__code=item.entry.code,
            index_number__isnull=False,
            published_at__year=year,
        ).order_by("published_at", "id")
    )
    numbers = sorted(
        i.index_number for i in group
    )  # zero-padded serials: text order is number order
    if [i.index_number for i in group] == numbers:
        return
    for other in group:
        InformationItem.objects.filter(pk=other.pk).update(index_number=f"renumber-{other.pk}")
    for other, number in zip(group, numbers, strict=True):
        InformationItem.objects.filter(pk=other.pk).update(index_number=number)
        other.index_number = number
        indexer.index(other)


def _already_built() -> bool:
    return InformationItem.objects.filter(import_key__startswith=DEMO_KEY).exists()


@transaction.atomic
def build_inspection() -> str:
    transport = Agency.objects.filter(code=TRANSPORT).first()
    if transport is None:
        return "未找到示例县交通运输局，未载入自查演示数据。"
    cal = get_calendar()
    today = demo_today(cal)
    fresh = not _already_built()
    if fresh:
        _stale_news_column(transport, today)
        _old_links(transport, today)
        _personal_data_in_attachment(transport, today)
        _expired_normative(transport, today)
        for item in InformationItem.objects.filter(import_key__startswith=DEMO_KEY):
            _in_date_order(item)
    agencies = list(Agency.objects.filter(is_active=True))
    if fresh or not Run.objects.exists():
        links.check_due_links(agencies=agencies)
        shared = {}
        for agency in agencies:
            inspection.inspect_agency(agency, today=today, shared=shared)
    runs = [r for r in (_latest(a) for a in agencies) if r is not None]
    vetoed = sum(1 for r in runs if r.vetoed)
    head = "自查演示数据已就绪" if fresh else "自查演示数据已存在，未重复创建"
    return (
        f"{head}：{len(runs)}个机关已自查（单项否决{vetoed}个），"
        f"发现问题{sum(r.findings.count() for r in runs)}个。"
    )


def _latest(agency):
    return Run.objects.filter(agency=agency).order_by("-started_at", "-id").first()
