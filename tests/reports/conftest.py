from datetime import date

import pytest

from gongkai.annual_reports import services
from gongkai.applications.choices import Result
from tests.applications.conftest import office, office_head, registered  # noqa: F401
from tests.publishing.conftest import catalogue, chain_people, draft_data  # noqa: F401
from tests.reports.test_tables import make_application


@pytest.fixture
def report(chain_people, catalogue):  # noqa: F811 (fixtures)
    make_application(
        catalogue,
        1,
        kind="natural",
        received=date(2025, 3, 3),
        answered=date(2025, 3, 20),
        result=Result.DISCLOSED,
    )
    make_application(catalogue, 2, kind="commercial", received=date(2025, 12, 24))
    report = services.report_prepare(agency=catalogue, year=2025, by=chain_people["drafter"])
    # The office writes the 总体情况 in place of the drafted prompt (it cannot go out with it).
    report.overview = "2025年，本局依法做好政府信息公开工作，坚持以公开为常态、不公开为例外。"
    report.manual_table2 = {
        "licensing": [1268],
        "penalty": [215],
        "enforcement": [3],
        "fees": [12.6],
    }
    report.save()
    return report
