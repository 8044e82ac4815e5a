import itertools
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogueEntry, InformationItem
from tests.conftest import person
from tests.publishing.conftest import chain_people, draft_data  # noqa: F401
from tests.search.test_search import publish  # noqa: F401

_serial = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def column(agency, name) -> CatalogueEntry:
    return CatalogueEntry.objects.get(agency=agency, name=name)


def published(agency, entry, day: date, title="", **fields) -> InformationItem:
    """A public item of ``entry`` published on ``day`` (through the gate: status, disclosure,
    索引号)."""
    number = next(_serial)
    return InformationItem.objects.create(
        agency=agency,
        entry=entry,
        title=title or f"{entry.name}信息{number}",
        body="正文。",
        status=InformationItem.Status.PUBLISHED,
        disclosure="active",
        index_number=f"{agency.code}-TEST-{number:06d}",
        published_at=at(day),
        **fields,
    )


@pytest.fixture
def catalogue(transport):
    publishing.catalogue_apply_template(agency=transport)
    return transport


@pytest.fixture
def office(catalogue):
    return person("xiaolin", catalogue, "disclosure_office", "办公室", full_name="林晓")
