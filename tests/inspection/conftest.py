import io
import itertools
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from gongkai.publishing import services
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogueEntry, InformationItem
from tests.conftest import person
from tests.publishing.conftest import chain_people, draft_data  # noqa: F401

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


STEPS = ["unit_head", "secrecy", "deputy", "principal", "office"]


def docx_bytes(paragraphs=(), rows=()) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@pytest.fixture
def publish(chain_people, draft_data, catalogue):  # noqa: F811
    """Publish an item through the whole chain; the 保密审查 confirms what it finds (as for a
    许可 公示 that names the 法定代表人), so that the published item shows it."""

    def make(title="关于公示2026年道路运输经营许可的通知", body="", files=(), **extra):
        data = draft_data(title=title, body=body, **extra)
        drafter = chain_people["drafter"]
        item = services.item_create(agency=catalogue, by=drafter, data=data)
        for name, content, *internal in files:
            services.attachment_add(
                item=item,
                by=drafter,
                upload=services.Upload(name, content),
                internal_only=bool(internal and internal[0]),
            )
        item = services.item_submit(item=item, by=drafter)
        for who in STEPS:
            item = services.item_approve(
                item=item,
                by=chain_people[who],
                disclose_personal_data=who == "secrecy",
                personal_data_reason="许可公示须载明经营者" if who == "secrecy" else "",
            )
        return item

    return make
