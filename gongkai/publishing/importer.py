"""历史信息导入: items an agency published (or kept back) before it used the platform.

Reading a file and checking its rows are pure functions that return the bad rows with their line
numbers and Chinese reasons; nothing touches the database until every row is good, and then
``items_import`` writes them all in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.org.models import Agency

from . import rules
from .choices import POLICY_KINDS, Disclosure, Validity, WithholdGround
from .models import CatalogueEntry, InformationItem, ItemEvent
from .sanitize import clean_html
from .services import allocate_index_number, index_year, item_event_record

#: The columns of an import file, in the order of the blank template staff fill in.
HEADERS = [
    "标题",
    "目录",
    "文号",
    "成文日期",
    "发布日期",
    "公开属性",
    "不公开理由",
    "发布机构",
    "正文",
]
REQUIRED = ["标题", "目录", "发布日期", "公开属性"]

#: Imported items are published "as of" their 发布日期, at the start of an office day in China.
PUBLISH_TIME = time(9, 0)
CHINA = ZoneInfo("Asia/Shanghai")

_TITLE_MAX = InformationItem._meta.get_field("title").max_length
_PUBLISHER_MAX = InformationItem._meta.get_field("publisher_name").max_length
_DOC_NUMBER_MAX = InformationItem._meta.get_field("doc_number").max_length
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PATH_SEPARATOR = re.compile(r"\s*(?:›|/|／|>|＞)\s*")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (type, encoding, headers); the message is Chinese."""


@dataclass(frozen=True)
class RowError:
    line: int  # the header is line 1, the first data row line 2
    reason: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.reason}"


@dataclass(frozen=True)
class ImportRow:
    """One good row, parsed and checked, ready to become an InformationItem."""

    line: int
    title: str
    entry: CatalogueEntry
    doc_number: str
    written_date: date | None
    published_date: date
    disclosure: str
    withhold_ground: str
    publisher_name: str
    body: str
    import_key: str


@dataclass
class ImportResult:
    published: int = 0
    recorded: int = 0
    existing: int = 0
    duplicates: int = 0
    items: list[InformationItem] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.published + self.recorded

    def summary(self) -> str:
        text = (
            f"导入完成：新增 {self.created} 条（主动公开 {self.published} 条已发布，"
            f"{self.recorded} 条不公开登记），已存在 {self.existing} 条。"
        )
        if self.duplicates:
            text += f"文件内重复 {self.duplicates} 条，已跳过。"
        return text


# --- Reading the file ---------------------------------------------------------------------


def read_table(path: Path) -> list[tuple[int, dict[str, str | date]]]:
    """The data rows of a CSV (UTF-8, BOM or not) or XLSX file, keyed by header, with line numbers.

    Blank rows are left out (spreadsheets often end in some). Cells are stripped strings, except
    XLSX date cells, which stay dates.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _read_csv(path)
    elif suffix == ".xlsx":
        table = _read_xlsx(path)
    else:
        raise ImportFileError(
            f"不支持的文件类型“{path.suffix or path.name}”：请使用 .csv（UTF-8 编码）或 .xlsx 文件。"
        )
    if not table:
        raise ImportFileError("文件是空的：第1行应为表头。")
    headers = [str(h).strip() if h is not None else "" for h in table[0]]
    missing = [h for h in HEADERS if h not in headers]
    if missing:
        raise ImportFileError(f"缺少表头：{'、'.join(missing)}。第1行应为：{'、'.join(HEADERS)}。")
    position = {h: headers.index(h) for h in HEADERS}
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {h: _cell(cells[i]) if i < len(cells) else "" for h, i in position.items()}
        if any(v != "" for v in values.values()):
            rows.append((line, values))
    return rows


def _read_csv(path: Path) -> list[list]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    except UnicodeDecodeError:
        raise ImportFileError(
            "文件不是 UTF-8 编码。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新导入。"
        ) from None


def _read_xlsx(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a damaged or disguised file
        raise ImportFileError(f"无法读取 Excel 文件：{exc}") from None
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell(value) -> str | date:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Checking rows ------------------------------------------------------------------------


class Catalogue:
    """An agency's active columns, found by name or by "父栏目 › 子栏目" / "父栏目/子栏目"."""

    def __init__(self, entries: Iterable[CatalogueEntry]):
        self.entries = [e for e in entries if e.is_active]
        self._by_id = {e.pk: e for e in self.entries}

    def _ancestor_names(self, entry: CatalogueEntry) -> list[str]:
        names, parent = [], self._by_id.get(entry.parent_id)
        while parent is not None:
            names.append(parent.name)
            parent = self._by_id.get(parent.parent_id)
        return names

    def path(self, entry: CatalogueEntry) -> str:
        return " › ".join([*reversed(self._ancestor_names(entry)), entry.name])

    def find(self, text: str) -> CatalogueEntry:
        """The column ``text`` names, or a ValueError saying why there is none."""
        parts = [p for p in _PATH_SEPARATOR.split(text.strip()) if p]
        if not parts:
            raise ValueError("目录不能为空。")
        *parents, name = parts
        matches = [
            e
            for e in self.entries
            if e.name == name and self._ancestor_names(e)[: len(parents)] == parents[::-1]
        ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(f"本机关目录中没有栏目“{text}”（或已停用）。")
        options = "”或“".join(self.path(e) for e in matches)
        raise ValueError(f"目录“{text}”有多个同名栏目，请写明上级栏目，如“{options}”。")


def _label_lookup(choices) -> dict[str, str]:
    return {_normalise_label(label): value for value, label in choices.choices}


def _normalise_label(text: str) -> str:
    """危及“三安全一稳定” is typed with every kind of quote; compare without them."""
    return re.sub(r"\s+", "", str(text).translate(_QUOTES))


_DISCLOSURES = _label_lookup(Disclosure)
_GROUNDS = _label_lookup(WithholdGround)


def _parse_date(value: str | date, column: str) -> date:
    if isinstance(value, date):
        return value
    if _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{column}“{value}”不是有效日期，格式应为 YYYY-MM-DD，如 2020-05-06。")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text: str) -> str:
    return _collapse(unicodedata.normalize("NFKC", text))


def import_key(
    *, agency_code: str, title: str, doc_number: str, published: date, entry_path: str
) -> str:
    """What makes a row the same item on a second run: sha256 of its identifying cells,
    normalised (NFKC, collapsed whitespace) so a re-saved spreadsheet still matches."""
    parts = [agency_code, title, doc_number, published.isoformat(), entry_path]
    joined = "\x1f".join(_normalise(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def parse_row(
    line: int,
    values: dict[str, str | date],
    *,
    agency: Agency,
    catalogue: Catalogue,
    today: date,
) -> tuple[ImportRow | None, list[str]]:
    """One row checked against the rules of 主动公开: the parsed row, or the reasons it is bad."""
    problems: list[str] = []
    text = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}

    for column in REQUIRED:
        if values.get(column, "") == "":
            problems.append(f"“{column}”不能为空。")

    title = _collapse(text["标题"])
    if len(title) > _TITLE_MAX:
        problems.append(f"标题超过{_TITLE_MAX}字。")

    entry = None
    if text["目录"]:
        try:
            entry = catalogue.find(text["目录"])
        except ValueError as exc:
            problems.append(str(exc))

    doc_number = text["文号"]
    if doc_number:
        try:
            rules.parse_doc_number(doc_number)
        except rules.DocNumberError as exc:
            problems.append(str(exc))
        if len(doc_number) > _DOC_NUMBER_MAX:
            problems.append(f"文号超过{_DOC_NUMBER_MAX}字。")

    dates: dict[str, date | None] = {"成文日期": None, "发布日期": None}
    for column in dates:
        if values[column] != "":
            try:
                dates[column] = _parse_date(values[column], column)
            except ValueError as exc:
                problems.append(str(exc))
    written, published = dates["成文日期"], dates["发布日期"]
    if published and published > today:
        problems.append(f"发布日期 {published.isoformat()} 晚于今天，历史导入只接受已发布的信息。")
    if written and published and written > published:
        problems.append(f"成文日期 {written.isoformat()} 晚于发布日期 {published.isoformat()}。")

    disclosure = ""
    if text["公开属性"]:
        disclosure = _DISCLOSURES.get(_normalise_label(text["公开属性"]), "")
        if not disclosure:
            problems.append(
                f"公开属性“{text['公开属性']}”无效，应为：{'、'.join(Disclosure.labels)}。"
            )

    ground = ""
    if text["不公开理由"]:
        ground = _GROUNDS.get(_normalise_label(text["不公开理由"]), "")
        if not ground:
            problems.append(
                f"不公开理由“{text['不公开理由']}”无效，应为：{'、'.join(WithholdGround.labels)}。"
            )
    if disclosure == Disclosure.ACTIVE and text["不公开理由"]:
        problems.append("公开属性为“主动公开”时，不公开理由应为空。")
    elif disclosure and disclosure != Disclosure.ACTIVE and not text["不公开理由"]:
        problems.append(
            f"公开属性为“{Disclosure(disclosure).label}”时，必须填写不公开理由（法定情形）。"
        )

    publisher = _collapse(text["发布机构"]) or agency.name
    if len(publisher) > _PUBLISHER_MAX:
        problems.append(f"发布机构超过{_PUBLISHER_MAX}字。")

    if problems:
        return None, problems
    return (
        ImportRow(
            line=line,
            title=title,
            entry=entry,
            doc_number=doc_number,
            written_date=written,
            published_date=published,
            disclosure=disclosure,
            withhold_ground=ground,
            publisher_name=publisher,
            body=clean_html(text["正文"]),
            import_key=import_key(
                agency_code=agency.code,
                title=title,
                doc_number=doc_number,
                published=published,
                entry_path=catalogue.path(entry),
            ),
        ),
        [],
    )


def parse_rows(
    rows: Iterable[tuple[int, dict]],
    *,
    agency: Agency,
    catalogue: Catalogue,
    today: date,
) -> tuple[list[ImportRow], list[RowError]]:
    """Every row checked: the good ones, and each reason of each bad one with its line."""
    good, errors = [], []
    for line, values in rows:
        row, problems = parse_row(line, values, agency=agency, catalogue=catalogue, today=today)
        if row is not None:
            good.append(row)
        errors.extend(RowError(line, p) for p in problems)
    return good, errors


# --- Writing ------------------------------------------------------------------------------


def catalogue_of(agency: Agency) -> Catalogue:
    return Catalogue(CatalogueEntry.objects.filter(agency=agency))


def _published_at(day: date) -> datetime:
    return datetime.combine(day, PUBLISH_TIME, tzinfo=CHINA)


def _build_item(agency: Agency, row: ImportRow) -> InformationItem:
    publishable = rules.is_publishable(row.disclosure)
    at = _published_at(row.published_date)
    item = InformationItem(
        agency=agency,
        entry=row.entry,
        drafter=None,
        title=row.title,
        body=row.body,
        # 删减后公开: only the redacted text was ever public, so it is all the import knows.
        redacted_body=row.body if row.disclosure == Disclosure.REDACTED else "",
        publisher_name=row.publisher_name,
        doc_number=row.doc_number,
        written_date=row.written_date,
        formed_date=row.written_date or row.published_date,
        disclosure=row.disclosure,
        withhold_ground=row.withhold_ground,
        validity=Validity.VALID if row.entry.kind in POLICY_KINDS else "",
        status=InformationItem.Status.PUBLISHED if publishable else InformationItem.Status.RECORDED,
        decided_at=at,
        published_at=at if publishable else None,
        source=InformationItem.Source.IMPORTED,
        import_key=row.import_key,
    )
    if row.withhold_ground:
        item.withhold_explanation = f"历史导入：{WithholdGround(row.withhold_ground).label}"
    return item


@transaction.atomic
def items_import(
    *,
    agency: Agency,
    rows: list[ImportRow],
    progress: Callable[[Iterable, int], Iterable] = lambda rows, total: rows,
) -> ImportResult:
    """Write checked rows in one transaction. Rows already imported (same import_key) and
    repeats within the file are skipped, so the same file can be imported again safely.

    Publishable rows get their 索引号 in the year of their 发布日期, in date order."""
    result = ImportResult()
    known = set(
        InformationItem.objects.filter(agency=agency)
        .exclude(import_key="")
        .values_list("import_key", flat=True)
    )
    seen: set[str] = set()
    new = []
    for row in rows:
        if row.import_key in known:
            result.existing += 1
        elif row.import_key in seen:
            result.duplicates += 1
        else:
            seen.add(row.import_key)
            new.append(row)
    new.sort(key=lambda r: (r.published_date, r.line))
    for row in progress(new, len(new)):
        item = _build_item(agency, row)
        if item.status == InformationItem.Status.PUBLISHED:
            item.index_number = allocate_index_number(
                item=item, year=index_year(item, row.published_date)
            )
            result.published += 1
        else:
            result.recorded += 1
        item.save()
        item_event_record(
            item,
            actor=None,
            action=ItemEvent.Action.IMPORTED,
            comment=f"历史导入（第{row.line}行），发布日期 {row.published_date.isoformat()}",
        )
        result.items.append(item)
    return result
