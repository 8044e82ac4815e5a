"""Annual-report background tasks."""

from gongkai.core.tasks import background


@background(label="年度报告：下载并检查登记的报告网址", retries=2)
def fetch_report_addresses():
    """Read every pending report address (what ``gongkai report fetch`` does from cron), as soon
    as a supervisor registers one. Idempotent: an address already read is no longer pending."""
    from django.conf import settings

    from . import rollup

    done = rollup.external_urls_fetch(allow_private=settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE)
    return {"read": len(done)}
