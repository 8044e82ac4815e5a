"""信息发布登记台账 (publication ledger, seed 000 (七)): who drafted, reviewed and published what."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import InformationItem, ItemEvent, ReviewStep


@dataclass
class LedgerRow:
    number: int
    title: str
    index_number: str
    doc_number: str
    disclosure: str
    drafter: str
    steps: list[str]  # "姓名 YYYY-MM-DD HH:MM" per chain step, "" when not passed
    publisher: str
    published: str
    source: str


def _stamp(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def ledger(agency, start: date, end: date) -> tuple[list[str], list[LedgerRow]]:
    """Items decided (published or recorded) between ``start`` and ``end``, inclusive."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    chain = list(ReviewStep.objects.filter(agency=agency).order_by("order"))
    step_names = [s.name for s in chain if s.role != "disclosure_office"] or []
    items = list(
        InformationItem.objects.filter(agency=agency, decided_at__gte=since, decided_at__lt=until)
        .select_related("drafter", "published_by")
        .order_by("decided_at", "id")
    )
    approvals: dict[int, dict[str, str]] = {}
    events = (
        ItemEvent.objects.filter(item__in=items, action=ItemEvent.Action.APPROVED)
        .select_related("actor")
        .order_by("at", "id")
    )
    for event in events:
        who = event.actor.display_name if event.actor else ""
        # The latest approval of a step counts (after a return the chain starts over).
        approvals.setdefault(event.item_id, {})[event.step_name] = f"{who} {_stamp(event.at)}"
    rows = []
    for number, item in enumerate(items, start=1):
        passed = approvals.get(item.pk, {})
        rows.append(
            LedgerRow(
                number=number,
                title=item.title,
                index_number=item.index_number or "",
                doc_number=item.doc_number,
                disclosure=item.get_disclosure_display(),
                drafter=item.drafter.display_name if item.drafter else "（历史导入）",
                steps=[passed.get(name, "") for name in step_names],
                publisher=item.published_by.display_name if item.published_by else "",
                published=_stamp(item.published_at or item.decided_at),
                source=item.get_source_display(),
            )
        )
    return step_names, rows


HEADERS_BEFORE = ["序号", "标题", "索引号", "文号", "公开属性", "拟稿人"]
HEADERS_AFTER = ["发布人", "发布时间", "来源"]


def ledger_xlsx(agency, start: date, end: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    step_names, rows = ledger(agency, start, end)
    book = Workbook()
    sheet = book.active
    sheet.title = "信息发布登记台账"
    sheet.append([f"{agency.name}信息发布登记台账（{start:%Y-%m-%d}至{end:%Y-%m-%d}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    headers = HEADERS_BEFORE + step_names + HEADERS_AFTER
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in rows:
        sheet.append(
            [
                row.number,
                row.title,
                row.index_number,
                row.doc_number,
                row.disclosure,
                row.drafter,
                *row.steps,
                row.publisher,
                row.published,
                row.source,
            ]
        )
    widths = [6, 48, 26, 20, 12, 10] + [22] * len(step_names) + [10, 18, 10]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = width
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
