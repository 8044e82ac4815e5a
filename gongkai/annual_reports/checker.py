"""Checking published annual reports (``gongkai report check``, and the staff upload page).

One :class:`Result` per file: the format found, the year if stated, the verdict (``ok``,
``violations`` or ``unreadable``), every violation of rules A–D and ``blank``
(:mod:`.consistency`), and the prose numbers that disagree with the tables (warnings, which do not
change the verdict).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .consistency import Violation, check
from .formats import FORMAT_2019, FORMAT_2021
from .parse import parse, report_year
from .reader import SUPPORTED_SUFFIXES, Document, Unreadable, read_bytes, read_path

OK, VIOLATIONS, UNREADABLE = "ok", "violations", "unreadable"

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

    def as_json(self) -> dict:
        """The issue's schema, exactly."""
        return {
            "file": self.file,
            "format_version": self.format_version,
            "report_year": self.report_year,
            "verdict": self.verdict,
            "violations": [violation.as_dict() for violation in self.violations],
        }


def check_document(document: Document, name: str) -> Result:
    try:
        parsed = parse(document)
    except Unreadable as exc:
        return Result(name, report_year=report_year(document.prose), error=exc.reason)
    violations = check(parsed.tables)
    return Result(
        file=name,
        format_version=parsed.format_version,
        report_year=parsed.report_year,
        verdict=VIOLATIONS if violations else OK,
        violations=violations,
        warnings=parsed.warnings,
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


def check_paths(paths: list[str | Path]) -> list[Result]:
    results: list[Result] = []
    for given in paths:
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
    """2 if any file cannot be read, else 1 if any has violations, else 0."""
    verdicts = {result.verdict for result in results}
    if UNREADABLE in verdicts:
        return 2
    if VIOLATIONS in verdicts:
        return 1
    return 0


def render_result(result: Result) -> str:
    lines = [f"文件：{result.file}"]
    if result.verdict == UNREADABLE:
        lines.append(f"结论：无法读取——{result.error}")
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
    counts = {verdict: 0 for verdict in (OK, VIOLATIONS, UNREADABLE)}
    for result in results:
        counts[result.verdict] += 1
    summary = (
        f"共检查{len(results)}份：一致{counts[OK]}份，"
        f"有问题{counts[VIOLATIONS]}份，无法读取{counts[UNREADABLE]}份。"
    )
    return "\n\n".join([*blocks, summary]) + "\n"
