"""The static site's background tasks (queue ``site``)."""

from gongkai.core.tasks import background


@background(label="静态站点：重新生成变化的页面", queue_name="site")
def refresh_site(agency_id=None, item_ids=(), catalogue=False, message_ids=(), home=True):
    """Re-render what a change touched (``services.refresh``); idempotent."""
    import logging

    from django.conf import settings

    from . import services

    logging.getLogger("gongkai.request").setLevel(logging.WARNING)
    if not services.enabled():
        return {"skipped": "GONGKAI_STATIC_SITE 未设置"}
    summary = services.refresh(
        agency_id,
        item_ids,
        catalogue=catalogue,
        message_ids=message_ids,
        home=home,
    )
    for target in settings.GONGKAI_SITE_PUSH_TO:
        services.push(target)  # a failure raises: retried, then shown to the 系统管理员
    if summary.failed:
        # Retried, then shown to the 系统管理员 (the pages that did render are written).
        raise services.SiteError(
            "；".join(f"{url}（{error}）" for url, error in summary.failed[:20])
        )
    return {"written": summary.written, "removed": summary.removed, "pages": summary.pages}
