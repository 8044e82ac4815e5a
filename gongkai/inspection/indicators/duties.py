"""The 条例's yearly duties as indicators: tracked (第四十四条, 第十八条), and the 扣分 for
规范性文件 whose 有效性 was not updated when they ended."""

from __future__ import annotations

from django.urls import reverse

from gongkai.inspection.base import Context, Found, Kind, indicator
from gongkai.inspection.duties import rules, selectors


def _thresholds(ctx: Context) -> dict:
    return {**rules.DUTY_DEFAULTS, **ctx.thresholds}


def _on(agency) -> str:
    return f"?agency={agency.code}"


@indicator(
    "frequent_requests",
    "多人申请的相同信息待研究纳入主动公开",
    Kind.DUTY,
    basis="条例第四十四条",
)
def frequent_requests(ctx: Context):
    for pending in selectors.frequent_pending(ctx.agency, ctx.today, _thresholds(ctx)):
        s = pending.suggestion
        numbers = "、".join(a.number for a in pending.applications)
        yield Found(
            key=f"applications:{s.key}",
            object=s.title,
            detail=(
                f"{s.applicants}名申请人申请相同政府信息，均已予以公开或部分公开"
                f"（申请编号：{numbers}），尚未研究是否纳入主动公开。"
            ),
            fix="拟稿主动公开，或记录不予主动公开的理由。",
            # one finding per group of the same information: "1组待研究", as the duties page
            # says, whatever the number of applications in it (they are in the detail)
            fix_url=reverse("inspection:frequent_detail", args=[s.key]) + _on(ctx.agency),
        )


@indicator(
    "withheld_review_due",
    "不予公开信息到期未评估审查",
    Kind.DUTY,
    basis="条例第十八条",
)
def withheld_review_due(ctx: Context):
    th = _thresholds(ctx)
    for row in selectors.withheld_rows(ctx.agency, ctx.today, th):
        if not row.is_due:
            continue
        since = (
            f"上次评估审查（{row.last_review.reviewed_at:%Y-%m-%d}）"
            if row.last_review
            else f"决定不予公开（{row.decided:%Y-%m-%d}）"
        )
        yield Found(
            key=f"item:{row.item.pk}",
            object=row.item.title,
            detail=(
                f"自{since}起已满{th['withheld_review_months']}个月，"
                f"应于{row.due:%Y-%m-%d}前定期评估审查。"
            ),
            fix="评估审查：仍不予公开的写明理由；因情势变化可以公开的，生成主动公开版本。",
            fix_url=reverse("inspection:withheld_review", args=[row.item.pk]),
        )


@indicator(
    "validity_expired",
    "规范性文件失效、废止后未更新有效性",
    Kind.DEDUCT,
    basis="条例第二十条第（一）项、第二十六条",
    points=1,
    cap=10,
)
def validity_expired(ctx: Context):
    for row in selectors.validity_rows(ctx.agency, ctx.today, _thresholds(ctx)):
        item = row.item
        yield Found(
            key=f"item:{item.pk}",
            object=item.title + (f"（{item.doc_number}）" if item.doc_number else ""),
            detail=f"仍标注为“有效”，但{row.flag.reason}。",
            fix="更新有效性（已失效或已废止），注明日期和依据。",
            url=(
                reverse("portal:item", args=[item.agency.code, item.pk]) if item.is_public else ""
            ),
            fix_url=reverse("inspection:validity_update", args=[item.pk]),
        )
