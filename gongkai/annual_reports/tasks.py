"""Annual-report background tasks."""

from gongkai.core.exports import builder
from gongkai.core.tasks import background

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@builder("annual_reports.rollup")
def rollup_export(export):
    """The supervisor's roll-up of every agency below (each agency's tables computed: seconds to
    minutes for a province, so never in a request)."""
    from gongkai.org.models import Agency
    from gongkai.org.selectors import descendant_ids

    from . import rollup

    agency = Agency.objects.get(pk=export.params["agency"])
    year = int(export.params["year"])
    below = Agency.objects.filter(pk__in=descendant_ids([agency.pk]), is_active=True).order_by(
        "sort_order", "code"
    )
    content = rollup.workbook(agency, year, rollup.rows_for([agency, *below], year))
    return f"{agency.name}{year}年度政府信息公开工作年度报告汇总表.xlsx", XLSX, content


@background(label="年度报告：下载并检查登记的报告网址", retries=2)
def fetch_report_addresses():
    """Read every pending report address (what ``gongkai report fetch`` does from cron), as soon
    as a supervisor registers one. Idempotent: an address already read is no longer pending."""
    from django.conf import settings

    from . import rollup

    done = rollup.external_urls_fetch(allow_private=settings.GONGKAI_LINKCHECK_ALLOW_PRIVATE)
    return {"read": len(done)}
