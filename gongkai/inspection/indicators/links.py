"""Broken links (链接不可用): read from the link check's stored results, never over the network.

The checking itself (slow, polite, paced per host) is ``gongkai.inspection.links``, run by
``gongkai inspect`` before the indicators of the "links" group.
"""

from __future__ import annotations

from django.urls import reverse

from ..base import Context, Found, Kind, indicator
from ..link_models import Link, LinkUse

FIXES = {
    Link.Problem.WITHDRAWN: "所指信息已撤回：通过“更正”删除该链接，或改为仍在公开的信息。",
    Link.Problem.NOT_PUBLIC: "所指页面不存在或未公开：通过“更正”核对链接地址。",
    Link.Problem.MISSING_FILE: "附件文件已不在存储中：请系统管理员从备份恢复该文件。",
    Link.Problem.STAFF_ONLY: "公众无法登录办公系统：通过“更正”改为公开页面的地址。",
    Link.Problem.PRIVATE: "内网地址公众无法访问：通过“更正”删除该链接或改为公网地址。",
}
FIX_EXTERNAL = "核实链接地址：目标网页已迁移的，通过“更正”改为新地址；已不存在的，删除该链接。"


@indicator(
    "broken_links",
    "链接不可用",
    Kind.DEDUCT,
    basis="政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）：错链、断链扣分",
    points=0.5,
    cap=10,
    group="links",
)
def broken_links(context: Context):
    """One finding per public page that carries a link found broken at its last check."""
    uses = (
        LinkUse.objects.filter(agency=context.agency, link__ok=False)
        .select_related("link")
        .order_by("page", "id")
    )
    for use in uses:
        link = use.link
        detail = link.error or "链接无法访问"
        if link.first_broken_on is not None:
            day = link.first_broken_on
            detail += f"，{day.year}年{day.month}月{day.day}日起"
        if use.text:
            detail += f"（链接文字“{use.text[:60]}”）"
        if use.item_id is None:
            fix_url = ""
        elif link.problem == Link.Problem.MISSING_FILE:
            fix_url = reverse("publishing:item_detail", args=[use.item_id])
        else:
            fix_url = reverse("publishing:item_correct", args=[use.item_id])
        yield Found(
            key=f"link:{link.url_hash[:16]}:{use.page}"[:300],
            object=link.url[:300],
            detail=detail,
            fix=FIXES.get(link.problem, FIX_EXTERNAL),
            url=use.page,
            fix_url=fix_url,
        )
