"""Checking published annual reports (``gongkai report check``, and the staff upload page).

One :class:`Result` per file: the format found, the year if stated, the verdict (``ok``,
``violations``, ``unreadable`` or ``out_of_scope`` for a report on a year before 2019, when no
national format existed), every violation of rules A–D and 必填项为空 (:mod:`.consistency`), each
cell once; 表二's empty cells as notes (powers the agency may not hold); and the prose numbers that
disagree with the tables (warnings). Notes and warnings do not change the verdict.

Exit code of a batch: the worst result's — 2 (a file could not be read) over 1 (violations) over
3 (out of scope) over 0 (every file consistent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import fetch
from .consistency import Violation, check, notes
from .formats import FORMAT_2019, FORMAT_2021, Tables
from .parse import FIRST_YEAR, parse, report_year
from .reader import SUPPORTED_SUFFIXES, Document, Unreadable, read_bytes, read_path

OK, VIOLATIONS, UNREADABLE, OUT_OF_SCOPE = "ok", "violations", "unreadable", "out_of_scope"
#: Exit codes, and which wins in a batch (the first present in this order).
EXIT_CODES = {UNREADABLE: 2, VIOLATIONS: 1, OUT_OF_SCOPE: 3, OK: 0}
VERDICT_NAMES = {
    OK: "表格一致",
    VIOLATIONS: "存在问题",
    UNREADABLE: "无法读取",
    OUT_OF_SCOPE: "不在检查范围",
}

FORMAT_NAMES = {
    FORMAT_2021: "2021年版格式（国办公开办2021年9月26日印发）",
    FORMAT_2019: "2019年版格式（国办公开办函〔2019〕60号）",
}


@dataclass
class Result:
    file: str
    format_version: str | None = None
    report_year: int | None = None
    verdict: str = UNREADABLE
    violations: list[Violation] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    error: str | None = None
    notes: list[Violation] = field(default_factory=list)
    #: The tables as read (for a supervisor's roll-up); None when unreadable or out of scope.
    tables: Tables | None = None

    @property
    def verdict_name(self) -> str:
        return VERDICT_NAMES[self.verdict]

    def as_json(self) -> dict:
        """The issue's schema, exactly."""
        return {
            "file": self.file,
            "format_version": self.format_version,
            "report_year": self.report_year,
            "verdict": self.verdict,
            "violations": [violation.as_dict() for violation in self.violations],
        }


def out_of_scope(name: str, year: int) -> Result:
    return Result(
        name,
        report_year=year,
        verdict=OUT_OF_SCOPE,
        error=f"这是{year}年度的报告：2019年以前的年度报告没有全国统一的表格格式，不在检查范围内",
    )


def check_document(document: Document, name: str) -> Result:
    year = report_year(document.prose)
    if year and year < FIRST_YEAR:
        return out_of_scope(name, year)
    try:
        parsed = parse(document)
    except Unreadable as exc:
        return Result(name, report_year=year, error=exc.reason)
    violations = check(parsed.tables)
    return Result(
        file=name,
        format_version=parsed.format_version,
        report_year=parsed.report_year,
        verdict=VIOLATIONS if violations else OK,
        violations=violations,
        warnings=parsed.warnings,
        notes=notes(parsed.tables),
        tables=parsed.tables,
    )


def check_file(path: str | Path) -> Result:
    try:
        document = read_path(path)
    except Unreadable as exc:
        return Result(str(path), error=exc.reason)
    return check_document(document, str(path))


def check_upload(data: bytes, filename: str) -> Result:
    """For the staff page: an uploaded file's bytes."""
    try:
        document = read_bytes(data, filename)
    except Unreadable as exc:
        return Result(filename, error=exc.reason)
    return check_document(document, filename)


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders searched recursively for reports (.txt .html .htm .docx .pdf),
    hidden files and Word's ``~$`` lock files left out."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*")
                    if candidate.is_file()
                    and candidate.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(
                        part.startswith((".", "~$")) for part in candidate.relative_to(path).parts
                    )
                )
            )
        else:
            files.append(path)
    return files


def check_paths(paths: list[str | Path], *, timeout: float | None = None) -> list[Result]:
    """Files, folders (searched recursively) and http(s) addresses."""
    results: list[Result] = []
    for given in paths:
        if fetch.is_url(str(given)):
            results.append(check_url(str(given), timeout=timeout))
            continue
        path = Path(given)
        files = expand([path])
        if path.is_dir() and not files:
            results.append(
                Result(
                    str(path),
                    error="文件夹中没有可检查的文件（.txt .html .htm .docx .pdf）",
                )
            )
        results.extend(check_file(file) for file in files)
    return results


def exit_code(results: list[Result]) -> int:
    """The worst result's code: 2 unreadable, over 1 violations, over 3 out of scope, over 0."""
    verdicts = {result.verdict for result in results}
    return next((code for verdict, code in EXIT_CODES.items() if verdict in verdicts), 0)


def render_result(result: Result) -> str:
    lines = [f"文件：{result.file}"]
    if result.verdict in (UNREADABLE, OUT_OF_SCOPE):
        lines.append(f"结论：{result.verdict_name}——{result.error}")
        if result.report_year:
            lines.append(f"报告年度：{result.report_year}年")
        return "\n".join(lines)
    lines.append(f"格式：{FORMAT_NAMES.get(result.format_version, result.format_version)}")
    lines.append(f"报告年度：{f'{result.report_year}年' if result.report_year else '未写明'}")
    if result.verdict == OK:
        lines.append("结论：表格勾稽关系一致，未发现问题")
    else:
        lines.append(f"结论：发现{len(result.violations)}处问题")
        lines.extend(
            f"  {number}. {violation.message()}"
            for number, violation in enumerate(result.violations, 1)
        )
    if result.notes:
        lines.append(f"说明：表二有{len(result.notes)}处空白（可能是本机关没有的职权），未计为问题")
        lines.extend(f"  - {note.table}“{note.row}”行“{note.column}”列" for note in result.notes)
    if result.warnings:
        lines.append(f"提示：正文中有{len(result.warnings)}处数字与表格不符")
        lines.extend(
            f"  - 正文“{warning['phrase']}”为{_n(warning['text_value'])}，"
            f"{warning['compared_with']}为{_n(warning['table_value'])}"
            for warning in result.warnings
        )
    return "\n".join(lines)


def _n(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_text(results: list[Result]) -> str:
    blocks = [render_result(result) for result in results]
    counts = {verdict: 0 for verdict in EXIT_CODES}
    for result in results:
        counts[result.verdict] += 1
    summary = (
        f"共检查{len(results)}份：一致{counts[OK]}份，"
        f"有问题{counts[VIOLATIONS]}份，无法读取{counts[UNREADABLE]}份。"
    )
    if counts[OUT_OF_SCOPE]:
        summary = summary[:-1] + f"，2019年以前的报告{counts[OUT_OF_SCOPE]}份（不在检查范围）。"
    return "\n\n".join([*blocks, summary]) + "\n"


def check_url(url: str, *, timeout: float | None = None, guard=None) -> Result:
    """A published page or file, downloaded; a page without 表三 is checked through the report
    it links to (DOCX/PDF). ``guard``: see ``fetch.fetch`` (every address and redirect)."""
    timeout = fetch.TIMEOUT if timeout is None else timeout
    try:
        data, name = fetch.fetch(url, timeout=timeout, guard=guard)
    except fetch.FetchError as exc:
        return Result(url, error=f"无法下载：{exc}")
    result = check_upload(data, name)
    result.file = url
    if result.verdict == UNREADABLE and name.endswith(".html"):
        attached = fetch.report_attachment(data, url)
        if attached:
            try:
                data, name = fetch.fetch(attached, timeout=timeout, guard=guard)
            except fetch.FetchError as exc:
                return Result(f"{url} → {attached}", error=f"无法下载附件：{exc}")
            result = check_upload(data, name)
            result.file = f"{url} → {attached}"
    return result
