import io

import pytest

from gongkai.publishing import services
from tests.publishing.conftest import catalogue, chain_people, column, draft_data  # noqa: F401

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
