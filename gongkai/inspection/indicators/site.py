"""The site's own indicators: is it updated, are its columns alive, are 留言 answered, can the
public reach the office (国办秘函〔2019〕19号, 单项否决 and 扣分), and the 条例's dated duties that
show on the site (第二十六条 公开时限, 三同步 政策解读, 第四十九条 年报)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.annual_reports.deadlines import publication_due
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.services import reports_published_as_items
from gongkai.interaction.models import Message
from gongkai.org.models import Agency
from gongkai.publishing.choices import ColumnKind
from gongkai.publishing.models import CatalogueEntry, InformationItem, published_q

from .. import rules
from ..base import Context, Found, Kind, indicator

BASIS = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》"


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _home(agency) -> str:
    return reverse("portal:agency", args=[agency.code])


def _column_url(agency, entry_id) -> str:
    return reverse("portal:column", args=[agency.code, entry_id])


def _item_urls(agency_code: str, pk: int) -> tuple[str, str]:
    return (
        reverse("portal:item", args=[agency_code, pk]),
        reverse("publishing:item_detail", args=[pk]),
    )


def _public(agency):
    return InformationItem.objects.filter(published_q(), agency=agency)


# --- 首页 ----------------------------------------------------------------------------------------


@indicator(
    "home_stale",
    "首页长期未更新",
    Kind.VETO,
    basis=f"{BASIS}：首页栏目超过2周未更新的，单项否决",
)
def home_stale(ctx: Context):
    """The agency's home page (its newest public item) not updated within ``home_stale_days``; for
    an agency at the top of the platform, also the platform's home page (any agency's newest)."""
    limit = ctx.today - timedelta(days=ctx.threshold("home_stale_days"))
    days = ctx.threshold("home_stale_days")
    last = _day(_public(ctx.agency).aggregate(last=Max("published_at"))["last"])
    if last is None or last < limit:
        since = f"最近一次更新为{_cn(last)}" if last else "从未发布信息"
        yield Found(
            key=f"home:{ctx.agency.code}",
            object=f"{ctx.agency.name}政府信息公开专栏首页",
            detail=f"首页超过{days}天未更新（{since}）。",
            fix="及时发布本机关的工作动态、通知公告等信息，保持首页更新。",
            url=_home(ctx.agency),
            fix_url=reverse("publishing:item_create"),
        )
    if ctx.agency.parent_id is None:
        newest = InformationItem.objects.filter(published_q()).aggregate(last=Max("published_at"))
        last = _day(newest["last"])
        if last is None or last < limit:
            since = f"最近一次更新为{_cn(last)}" if last else "从未发布信息"
            yield Found(
                key="home:platform",
                object="平台首页",
                detail=f"平台首页超过{days}天未更新（{since}）。",
                fix="督促各机关及时发布信息。",
                url=reverse("portal:home"),
                fix_url=reverse("publishing:item_create"),
            )


# --- 栏目 ----------------------------------------------------------------------------------------


def _columns(agency):
    """The agency's active leaf columns with the day each last published an item (None: never)."""
    leaves = CatalogueEntry.objects.filter(agency=agency, is_active=True).exclude(
        Exists(CatalogueEntry.objects.filter(parent=OuterRef("pk"), is_active=True))
    )
    last = {
        row["entry"]: row["last"]
        for row in InformationItem.objects.filter(published_q(), agency=agency)
        .values("entry")
        .annotate(last=Max("published_at"))
    }
    held = set(
        InformationItem.objects.filter(agency=agency, published_at__isnull=False)
        .values_list("entry", flat=True)
        .distinct()
    )
    for entry in leaves.select_related("parent"):
        yield entry, _day(last.get(entry.pk)), entry.pk in held


def _column_found(ctx, entry, key, detail, fix):
    return Found(
        key=f"{key}:{entry.pk}",
        object=entry.path_name,
        detail=detail,
        fix=fix,
        url=_column_url(ctx.agency, entry.pk),
        fix_url=f"{reverse('publishing:item_create')}?entry={entry.pk}",
    )


@indicator(
    "columns_stale",
    "栏目长期未更新",
    Kind.VETO,
    basis=f"{BASIS}：动态、要闻类栏目超过2周未更新，通知公告、政策文件类栏目超过6个月未更新，"
    "累计达5个的，单项否决",
    points="stale_column_points",
    cap="indicator_cap",
    veto_at="stale_columns_veto",
)
def columns_stale(ctx: Context):
    for entry, last, _held in _columns(ctx.agency):
        column = rules.column_class(entry.name, entry.kind)
        if rules.is_stale(last, rules.stale_limit(column, ctx.today, ctx.thresholds)):
            period = (
                f"{ctx.threshold('news_stale_days')}天"
                if column == "news"
                else f"{ctx.threshold('notice_stale_months')}个月"
            )
            kind = "动态、要闻类" if column == "news" else "通知公告、政策文件类"
            yield _column_found(
                ctx,
                entry,
                "stale",
                f"{kind}栏目超过{period}未更新（最近一次更新为{_cn(last)}）。",
                "在该栏目发布最新信息；栏目确已不再使用的，在政府信息公开目录中停用。",
            )


@indicator(
    "columns_due",
    "栏目未按更新频率更新",
    Kind.VETO,
    basis=f"{BASIS}：应更新但长期未更新的栏目数量超过10个的，单项否决",
    points="stale_column_points",
    cap="indicator_cap",
    veto_at="due_columns_veto",
)
def columns_due(ctx: Context):
    """Columns that promise 实时/每月/每季度/每年 updates in the catalogue and have not kept it."""
    for entry, last, _held in _columns(ctx.agency):
        if rules.column_class(entry.name, entry.kind):
            continue  # judged by the 2-week / 6-month rule (columns_stale)
        if rules.is_stale(last, rules.frequency_limit(entry.update_frequency, ctx.today)):
            yield _column_found(
                ctx,
                entry,
                "due",
                f"目录承诺“{entry.get_update_frequency_display()}”，最近一次更新为{_cn(last)}。",
                "按目录中的更新频率发布信息，或据实修改该栏目的更新频率。",
            )


@indicator(
    "columns_empty",
    "空白栏目",
    Kind.VETO,
    basis=f"{BASIS}：空白栏目数量超过5个的，单项否决",
    points="empty_column_points",
    cap="indicator_cap",
    veto_at="empty_columns_veto",
)
def columns_empty(ctx: Context):
    for entry, _last, held in _columns(ctx.agency):
        if not held:
            found = _column_found(
                ctx,
                entry,
                "empty",
                "栏目自开设以来没有发布过信息。",
                "在该栏目发布应公开的信息；本机关没有此类信息的（如县级部门的“规章”栏目），在"
                "政府信息公开目录中停用该栏目。",
            )
            yield replace(found, fix_url=reverse("publishing:catalogue_edit", args=[entry.pk]))


# --- 互动交流 ------------------------------------------------------------------------------------


@indicator(
    "messages_unanswered",
    "留言长期未办理",
    Kind.VETO,
    basis=f"{BASIS}：近1年内超过3个月未办理有效留言的，单项否决",
)
def messages_unanswered(ctx: Context):
    months = ctx.threshold("message_unanswered_months")
    year_ago = rules.months_before(ctx.today, 12)
    rows = Message.objects.filter(
        agency=ctx.agency, is_valid=True, received_date__gte=year_ago, received_date__lte=ctx.today
    ).values("pk", "number", "title", "received_date", "answered_at")
    for row in rows.iterator():
        answered = _day(row["answered_at"])
        if rules.unanswered_too_long(row["received_date"], answered, ctx.today, months):
            state = f"{_cn(answered)}才答复" if answered else "至今未答复"
            yield Found(
                key=f"message:{row['pk']}",
                object=f"{row['number']} {row['title']}",
                detail=f"有效留言{_cn(row['received_date'])}受理，{state}，超过{months}个月。",
                fix="尽快办理并答复该留言；答复后按规定公开。",
                fix_url=reverse("interaction:message_detail", args=[row["pk"]]),
            )


@indicator(
    "messages_late",
    "留言答复超期",
    Kind.DEDUCT,
    basis="各渠道留言答复时限（互动交流 › 答复时限）",
    points="late_message_points",
    cap="indicator_cap",
)
def messages_late(ctx: Context):
    """Valid 留言 of the last year answered after their channel's limit, or open past it."""
    year_ago = rules.months_before(ctx.today, 12)
    rows = Message.objects.filter(
        agency=ctx.agency,
        is_valid=True,
        received_date__gte=year_ago,
        due_date__isnull=False,
        due_date__lt=ctx.today,
    ).values("pk", "number", "title", "due_date", "answered_at")
    for row in rows.iterator():
        answered = _day(row["answered_at"])
        if answered is None or answered > row["due_date"]:
            state = f"{_cn(answered)}答复" if answered else "至今未答复"
            yield Found(
                key=f"message_late:{row['pk']}",
                object=f"{row['number']} {row['title']}",
                detail=f"答复期限为{_cn(row['due_date'])}，{state}。",
                fix="按渠道答复时限办理留言。",
                fix_url=reverse("interaction:message_detail", args=[row["pk"]]),
            )


@indicator(
    "no_consultation",
    "无可用的咨询渠道",
    Kind.VETO,
    basis=f"{BASIS}：互动交流栏目无法正常使用的，单项否决；条例第二十四条",
)
def no_consultation(ctx: Context):
    """The public can ask: the agency publishes a 咨询电话, or its 留言 form is open and someone
    may answer what arrives (a member of its 政府信息公开工作机构)."""
    from gongkai.org.models import Membership, Role

    agency = ctx.agency
    answers = Membership.objects.filter(
        unit__agency=agency, role=Role.DISCLOSURE_OFFICE, user__is_active=True
    ).exists()
    if agency.phone.strip() or (agency.is_active and answers):
        return
    yield Found(
        key=f"consultation:{agency.code}",
        object=f"{agency.name}咨询渠道",
        detail="未公布咨询电话，且没有人员可以办理网上留言。",
        fix="在机关信息中填写咨询电话，并为政府信息公开工作机构配置公开办人员。",
        url=reverse("interaction_public:write", args=[agency.code]),
        fix_url=reverse("org:agency_detail", args=[agency.code]),
    )


# --- The 条例's dates as the site shows them -----------------------------------------------------


@indicator(
    "late_items",
    "信息未在法定时限内公开",
    Kind.DEDUCT,
    basis="条例第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开",
    points="late_item_points",
    cap="indicator_cap",
)
def late_items(ctx: Context):
    """Items of the last 12 months published after their 公开期限."""
    since = _start(rules.months_before(ctx.today, 12))
    rows = (
        _public(ctx.agency)
        .filter(published_at__gte=since, due_date__isnull=False)
        .values("pk", "title", "due_date", "published_at")
    )
    for row in rows.iterator():
        published = _day(row["published_at"])
        if published > row["due_date"]:
            url, fix_url = _item_urls(ctx.agency.code, row["pk"])
            yield Found(
                key=f"item_late:{row['pk']}",
                object=row["title"],
                detail=f"公开期限为{_cn(row['due_date'])}，{_cn(published)}才发布。",
                fix="信息形成或变更后及时提交审核，在20个工作日内发布。",
                url=url,
                fix_url=fix_url,
            )


@indicator(
    "interpretation_missing",
    "政策文件未同步解读",
    Kind.DEDUCT,
    basis="《关于全面推进政务公开工作的意见》：政策文件与解读方案、解读材料同步组织、同步审签、"
    "同步部署（三同步）",
    points="interpretation_points",
    cap="indicator_cap",
)
def interpretation_missing(ctx: Context):
    """Published 规范性文件 (and items marked 需要政策解读) without a published 政策解读. The set of
    interpreted documents is read once per run (a correlated EXISTS over the gate's joins made
    SQLite scan every item per document)."""
    rows = list(
        _public(ctx.agency)
        .filter(Q(entry__kind=ColumnKind.NORMATIVE) | Q(needs_interpretation=True))
        .exclude(entry__kind=ColumnKind.INTERPRETATION)
        .values("pk", "title", "published_at")
    )
    interpreted = ctx.once(
        "interpreted",
        lambda: set(
            InformationItem.objects.filter(published_q(), interprets__isnull=False).values_list(
                "interprets_id", flat=True
            )
        ),
    )
    rows = [row for row in rows if row["pk"] not in interpreted]
    for row in rows:
        url, _fix = _item_urls(ctx.agency.code, row["pk"])
        yield Found(
            key=f"interpretation:{row['pk']}",
            object=row["title"],
            detail=f"{_cn(_day(row['published_at']))}发布，未发布对应的政策解读。",
            fix="起草并发布该文件的政策解读，在“所解读的政策文件”中选择此文件。",
            url=url,
            fix_url=reverse("publishing:item_create"),
        )


@indicator(
    "annual_report_late",
    "年度报告未按时发布",
    Kind.DEDUCT,
    basis="条例第四十九条：每年1月31日前（县级以上人民政府3月31日前）公布上一年度报告",
    points="annual_report_points",
)
def annual_report_late(ctx: Context):
    agency: Agency = ctx.agency
    year = ctx.today.year - 1
    due = publication_due(kind=agency.kind, level=agency.level, year=year)
    if ctx.today <= due:
        return
    report = AnnualReport.objects.filter(agency=agency, year=year).select_related("item").first()
    published = report.published_on if report else None
    entry_id = report.item.entry_id if published else None
    if published is None:
        # A report made outside the system and published in the 年报 column counts, as it does
        # for the supervisor's page and the dashboards (services.reports_published_as_items).
        item = reports_published_as_items([agency], year).get(agency.pk)
        if item is not None:
            published = timezone.localtime(item.published_at).date()
            entry_id = item.entry_id
    if published is not None and published <= due:
        return
    state = f"{_cn(published)}才发布" if published else "至今未发布"
    yield Found(
        key=f"annual_report:{year}",
        object=f"{agency.name}{year}年政府信息公开工作年度报告",
        detail=f"应于{_cn(due)}前发布，{state}。",
        fix="编制并发布年度报告。",
        url=reverse("portal:column", args=[agency.code, entry_id]) if published else "",
        fix_url=reverse("annual_reports:list"),
    )
