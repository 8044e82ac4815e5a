"""``gongkai report check``: reading published annual reports in every supported file type,
finding 表二/表三/表四, telling the formats apart and applying rules A–D and ``blank``."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.annual_reports import reader
from gongkai.annual_reports.checker import (
    Result,
    check_file,
    check_paths,
    check_upload,
    exit_code,
    render_text,
)
from gongkai.annual_reports.consistency import check
from gongkai.annual_reports.formats import FORMAT_2019, FORMAT_2021
from gongkai.annual_reports.parse import (
    BLANK,
    LABEL,
    NUMBER,
    chinese_number,
    classify,
    normalize,
    parse,
    report_year,
)

from .conftest import html_to_pdf, pdf_available
from .reportdata import BY_NAME, REPORTS, write_html

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_001 = SHARED / "seeds" / "001_8cc921f21954544f.txt"
SEED_002 = SHARED / "seeds" / "002_c22fe348ddb0941e.txt"
needs_seeds = pytest.mark.skipif(not SEED_002.exists(), reason="shared/seeds not present")

COMMITTED = sorted(path for folder in ("ok", "violations") for path in (REPORTS / folder).iterdir())


def files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("report", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def assert_matches(result: Result, name: str, folder: str) -> None:
    """The file says what its report's numbers say: same format, year, verdict, violations."""
    report = BY_NAME[name]
    assert result.error is None, result.error
    assert result.verdict == folder
    assert result.format_version == report.fmt
    assert result.report_year == report.year
    assert result.violations == check(report.tables())


# --- the seeds ---------------------------------------------------------------------------------


@needs_seeds
def test_seed_002_total_row_all_zeros_breaks_rules_a_and_b():
    result = check_file(SEED_002)
    assert result.verdict == "violations"
    assert result.format_version == FORMAT_2021
    assert result.report_year == 2022
    # Each cell once, naming both rules that find it wrong.
    found = {
        (v.rule, v.also, v.table, v.row, v.column, v.expected, v.found) for v in result.violations
    }
    assert found == {
        ("A", (("B", 8),), "表三", "（七）总计", "自然人", 8, 0),
        ("A", (("B", 8),), "表三", "（七）总计", "总计", 8, 0),
    }
    # Its prose ("本年度受理依申请公开政府信息8件") agrees with 一 = 8.
    assert result.warnings == []


@needs_seeds
def test_seed_002_messy_cells_are_read():
    parsed = parse(reader.read_path(SEED_002))
    tables = parsed.tables
    assert parsed.found == {"表二", "表三", "表四"}
    assert tables.table2 == {
        "regulation": [0, 0, 0],
        "normative": [0, 6, 19],
        "licensing": [17256],  # "17256件"
        "penalty": [2416],
        "enforcement": [0],
        "fees": [5639],  # under a heading mislabelled 第（五）项
    }
    assert tables.table3["disclosed"] == [7, 0, 0, 0, 0, 0, 7]  # label split over two cells
    assert tables.table3["unable_1"] == [1, 0, 0, 0, 0, 0, 1]
    assert tables.table3["not_processed_1"] == [0] * 7  # "(五)不予 处理 | 1.信访…"
    assert tables.table3["total"] == [0] * 7
    assert tables.table4 == {key: [0] * 5 for key in tables.table4}  # one 15-cell row


@needs_seeds
def test_seed_001_is_a_2018_report_out_of_scope():
    result = check_file(SEED_001)
    assert result.verdict == "out_of_scope"
    assert result.report_year == 2018
    assert result.format_version is None
    assert "2019年以前" in result.error and "不在检查范围" in result.error
    code, out = run("check", str(SEED_001))
    assert code == 3 and "结论：不在检查范围——这是2018年度的报告" in out
    assert "2019年以前的报告1份（不在检查范围）" in out


@needs_seeds
def test_command_on_seed_002_exits_1_and_names_rules_a_and_b():
    code, out = run("check", str(SEED_002))
    assert code == 1
    assert "规则A、B：表三“（七）总计”行“自然人”列实为0，按规则A应为8；按规则B应为8。" in out
    assert out.count("“（七）总计”行“总计”列") == 1  # the same cell once, not once per rule
    assert "2021年版格式" in out
    assert "报告年度：2022年" in out


@needs_seeds
def test_console_script_as_a_real_process():
    script = REPO / ".venv" / "bin" / "gongkai"
    if not script.exists():
        pytest.skip("no .venv/bin/gongkai")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    completed = subprocess.run(
        [str(script), "report", "check", "../shared/seeds/002_c22fe348ddb0941e.txt"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    assert "规则A" in completed.stdout
    assert "规则B" in completed.stdout
    assert "（七）总计" in completed.stdout
    completed = subprocess.run(
        [str(script), "report", "check", "--json", str(SEED_002), str(SEED_001)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert completed.returncode == 1  # violations win over out of scope
    verdicts = [item["verdict"] for item in json.loads(completed.stdout)]
    assert verdicts == ["violations", "out_of_scope"]


# --- the project's own reports, every file type --------------------------------------------------


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_reports_are_classified(path):
    assert_matches(check_file(path), path.stem, path.parent.name)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_reports_tables_are_read_exactly(path):
    parsed = parse(reader.read_path(path))
    assert parsed.found == {"表二", "表三", "表四"}
    assert parsed.tables == BY_NAME[path.stem].tables()


def test_docx_reports_are_classified(docx_reports):
    assert len(docx_reports) == 4
    for path, name, folder in docx_reports:
        assert reader.read_path(path).kind == "docx"
        assert_matches(check_file(path), name, folder)
        assert parse(reader.read_path(path)).tables == BY_NAME[name].tables(), path.name


def test_pdf_reports_are_classified(pdf_reports):
    pytest.importorskip("pdfplumber")
    assert len(pdf_reports) == 4
    for path, name, folder in pdf_reports:
        assert reader.read_path(path).kind == "pdf"
        assert_matches(check_file(path), name, folder)
        assert parse(reader.read_path(path)).tables == BY_NAME[name].tables(), path.name


@pytest.mark.parametrize("name", ["2021_ok", "2021_bad", "2019_ok"])
def test_pdf_table_without_lines_is_read_from_word_positions(tmp_path, name):
    pytest.importorskip("pdfplumber")
    source = next(path for path in REPORTS.glob(f"*/{name}.htm*"))
    target = tmp_path / f"{name}.pdf"
    html_to_pdf(source, target, ruled=False)
    assert_matches(check_file(target), name, source.parent.name)


def test_every_type_finds_the_same_violations_in_the_bad_report(docx_reports, pdf_reports):
    pytest.importorskip("pdfplumber")
    paths = [
        REPORTS / "violations" / "2021_bad.txt",
        REPORTS / "violations" / "2021_bad.html",
        *(path for path, name, _ in [*docx_reports, *pdf_reports] if name == "2021_bad"),
    ]
    assert {path.suffix for path in paths} == {".txt", ".html", ".docx", ".pdf"}
    results = [check_file(path) for path in paths]
    rules = {(v.rule, v.row, v.column) for v in results[0].violations}
    assert rules == {
        ("A", "（七）总计", "总计"),  # and B, on the same cell
        ("C", "（一）予以公开", "总计"),
        ("C", "四、结转下年度继续办理", "总计"),
        ("D", "行政复议", "总计"),
    }
    for result in results[1:]:
        assert result.violations == results[0].violations, result.file


def test_2019_format_is_told_from_2021():
    gbk = check_file(REPORTS / "ok" / "2019_ok.htm")  # a GBK page
    assert gbk.format_version == FORMAT_2019
    assert gbk.verdict == "ok"
    tables = parse(reader.read_path(REPORTS / "ok" / "2019_ok.htm")).tables
    assert tables.table2["procurement"] == [9, 356.8]
    assert tables.table2["licensing"] == [112, -4, 860]
    assert "other_1" not in tables.table3
    bad = check_file(REPORTS / "violations" / "2019_bad.txt")  # tab-separated
    assert bad.format_version == FORMAT_2019
    assert {(v.rule, v.row, v.column) for v in bad.violations} == {
        ("B", "（七）总计", "商业企业"),
        ("C", "（六）其他处理", "总计"),
    }
    assert check_file(REPORTS / "ok" / "2021_ok.html").format_version == FORMAT_2021


def test_blank_cells_are_blank_not_zero():
    for path in sorted((REPORTS / "violations").glob("2021_blank.*")):
        result = check_file(path)
        assert result.report_year is None  # the report does not say its year
        assert [(v.rule, v.table, v.row, v.column) for v in result.violations] == [
            ("blank", "表三", "二、上年结转政府信息公开申请数量", "科研机构"),
            ("blank", "表四", "行政诉讼·复议后起诉", "尚未审结"),
        ], path.name
        # 表二's blank is a note: a power the agency may not hold (not a violation).
        assert [(n.table, n.row, n.column) for n in result.notes] == [
            ("表二", "行政事业性收费", "本年收费金额（单位：万元）")
        ]
        # Read as 0, the blanks would have broken nothing either; they are reported, not filled.
        assert all(v.expected is None and v.found is None for v in result.violations)


def test_prose_numbers_that_disagree_are_warnings():
    result = check_file(REPORTS / "ok" / "2021_prose_mismatch.txt")
    assert result.verdict == "ok"  # warnings do not change the verdict
    assert [(w["phrase"], w["text_value"], w["table_value"]) for w in result.warnings] == [
        ("收到政府信息公开申请15件", 15, 14),
        ("予以公开5件", 5, 6),
        ("行政诉讼3件", 3, 2),
    ]
    text = render_text([result])
    assert "提示：正文中有3处数字与表格不符" in text
    assert "正文“予以公开5件”为5，表三“（一）予以公开”总计为6" in text
    assert check_file(REPORTS / "ok" / "2021_ok.html").warnings == []


# --- unreadable ----------------------------------------------------------------------------------


def test_unreadable_pdfs(tmp_path):
    pytest.importorskip("pdfplumber")
    from PIL import Image

    scanned = tmp_path / "scanned.pdf"
    Image.new("RGB", (200, 300), "white").save(scanned)
    for path, reason in [
        (REPORTS / "unreadable" / "broken.pdf", "无法解析 PDF"),
        (scanned, "没有文本层"),
    ]:
        result = check_file(path)
        assert result.verdict == "unreadable"
        assert reason in result.error, result.error


def test_unreadable_files(tmp_path):
    corrupt_docx = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(corrupt_docx, "w") as archive:
        archive.writestr("hello.txt", "not a word file")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "plain.html").write_text("<html><body><p>2022年度报告，无表格。</p></body></html>")
    (tmp_path / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    cases = {
        REPORTS / "unreadable" / "broken.pdf": "PDF",
        REPORTS / "unreadable" / "no_tables.txt": "未找到表三",
        corrupt_docx: "DOCX",
        tmp_path / "empty.txt": "文件为空",
        tmp_path / "plain.html": "未找到表三",
        tmp_path / "sheet.xls": "不支持的文件类型",
        tmp_path / "binary.txt": "不是文本文件",
        tmp_path / "missing.pdf": "文件不存在",
    }
    for path, reason in cases.items():
        result = check_file(path)
        assert result.verdict == "unreadable", path.name
        assert reason in result.error, (path.name, result.error)
        # Chinese for the clerk: no parser's class name (BadZipFile, PdfminerException)
        assert not re.search(r"[A-Za-z]+(Error|Exception|File)\b", result.error), result.error
        assert result.violations == []
    assert check_file(REPORTS / "unreadable" / "no_tables.txt").report_year == 2022


def test_upload_is_checked_from_bytes():
    data = (REPORTS / "violations" / "2021_bad.html").read_bytes()
    result = check_upload(data, "年报.html")
    assert result.file == "年报.html"
    assert_matches(result, "2021_bad", "violations")
    assert check_upload(b"%PDF-1.4 junk", "x.pdf").verdict == "unreadable"


# --- the command: batch, JSON, exit codes ----------------------------------------------------


def test_json_schema_is_the_issues(all_reports):
    code, out = run("check", "--json", str(all_reports))
    assert code == 2
    items = json.loads(out)
    assert len(items) == len(files_in(all_reports))
    if pdf_available():
        assert len(items) == 20  # 10 committed reports, 4 DOCX, 4 PDF, 2 unreadable
        assert any(item["file"].endswith(".pdf") and item["verdict"] == "ok" for item in items)
    for item in items:
        assert set(item) == {"file", "format_version", "report_year", "verdict", "violations"}
        assert item["verdict"] in {"ok", "violations", "unreadable"}
        assert item["verdict"] == Path(item["file"]).parent.name
        for violation in item["violations"]:
            assert set(violation) == {"rule", "table", "row", "column", "expected", "found"}
        if item["verdict"] == "unreadable":
            assert item["format_version"] is None
            assert item["violations"] == []
        else:
            assert item["format_version"] in {"2019", "2021"}
    bad = next(item for item in items if item["file"].endswith("violations/2021_bad.docx"))
    assert bad["report_year"] == 2022
    review = {"rule": "D", "table": "表四", "row": "行政复议", "column": "总计"}
    assert {**review, "expected": 1, "found": 2} in bad["violations"]


def test_exit_codes(all_reports):
    assert run("check", str(all_reports / "ok"))[0] == 0
    assert run("check", str(all_reports / "violations"))[0] == 1
    assert run("check", str(all_reports / "ok"), str(all_reports / "violations"))[0] == 1
    assert run("check", str(all_reports / "unreadable"))[0] == 2
    assert run("check", str(all_reports))[0] == 2  # unreadable wins over violations
    assert run("check", str(all_reports / "ok" / "2021_ok.docx"))[0] == 0
    assert run("check", str(all_reports / "violations" / "2021_bad.docx"))[0] == 1


def test_batch_over_a_folder(all_reports, tmp_path):
    results = check_paths([all_reports])
    verdicts = {Path(result.file).parent.name for result in results}
    assert verdicts == {"ok", "violations", "unreadable"}
    assert all(result.verdict == Path(result.file).parent.name for result in results)
    _, out = run("check", str(all_reports))
    files = files_in(all_reports)
    count = {folder: sum(1 for f in files if f.parent.name == folder) for folder in verdicts}
    assert out.count("文件：") == len(files)
    assert (
        f"共检查{len(files)}份：一致{count['ok']}份，"
        f"有问题{count['violations']}份，无法读取{count['unreadable']}份。"
    ) in out
    # Nested folders are searched; hidden files, lock files and other types are left out.
    nested = tmp_path / "县" / "交通运输局"
    nested.mkdir(parents=True)
    (nested / "2021_ok.txt").write_bytes((REPORTS / "ok" / "2021_ok.txt").read_bytes())
    (nested / "~$2021_ok.docx").write_bytes(b"lock")
    (nested / ".hidden.txt").write_text("x")
    (nested / "notes.xlsx").write_bytes(b"x")
    results = check_paths([tmp_path])
    assert [Path(result.file).name for result in results] == ["2021_ok.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check_paths([empty])[0].verdict == "unreadable"
    assert exit_code(check_paths([empty])) == 2


def test_text_output_block(all_reports):
    code, out = run("check", str(all_reports / "violations" / "2021_bad.docx"))
    assert code == 1
    assert "格式：2021年版格式" in out
    assert "报告年度：2022年" in out
    assert "结论：发现4处问题" in out  # A and B on one cell: reported once
    assert "规则D：表四“行政复议”行“总计”列应为1，实为2。" in out
    code, out = run("check", str(REPORTS / "unreadable" / "broken.pdf"))
    assert code == 2
    assert "结论：无法读取" in out


def test_command_requires_an_action():
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("report")


def test_help_lists_the_check_action():
    completed = subprocess.run(
        [sys.executable, "-m", "gongkai", "report", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "check" in completed.stdout


# --- the pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,kind,value",
    [
        ("17256件", NUMBER, 17256),
        (" 8 ", NUMBER, 8),
        ("１２", NUMBER, 12),
        ("1,234", NUMBER, 1234),
        ("12.5万元", NUMBER, 12.5),
        ("-4", NUMBER, -4),
        ("\xa03\xa0", NUMBER, 3),
        ("", BLANK, None),
        ("—", BLANK, None),
        ("——", BLANK, None),
        ("-", BLANK, None),
        ("／", BLANK, None),
        ("/", BLANK, None),
        ("无", BLANK, None),
        ("(一)予以公开", LABEL, None),
    ],
)
def test_classify(text, kind, value):
    assert classify(text) == (kind, value)


def test_normalize():
    assert normalize("(五)不予 处理") == normalize("（五）不予处理") == "(五)不予处理"
    assert normalize("商业\n企业\u3000") == "商业企业"
    assert normalize("〔2022〕") == "(2022)"


@pytest.mark.parametrize(
    "prose,year",
    [
        ("示例县2022年度政府信息公开工作年度报告\n正文", 2022),
        ("本报告由……编制。\n现将2021年政府信息公开工作情况报告如下：", 2021),
        ("根据2023年工作要点。\n现将我局2022年度政务信息公开工作情况报告如下:", 2022),
        ("本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。", 2020),
        ("我局高度重视政务公开工作。", None),
    ],
)
def test_report_year(prose, year):
    assert report_year(prose) == year


def test_chinese_numbers():
    assert [chinese_number(t) for t in ["8", "八", "十二", "二十", "一百零五", "两"]] == [
        8,
        8,
        12,
        20,
        105,
        2,
    ]


def test_text_rows():
    assert reader.split_row("规章 | 0 | 0 | 0 |") == ["规章", "0", "0", "0"]
    assert reader.split_row("| 规章 | 0 |  | 0 |") == ["规章", "0", "", "0"]
    assert reader.split_row("|---|---|") == []
    assert reader.split_row("规章\t0\t\t0") == ["规章", "0", "", "0"]
    assert reader.split_row("一段正文。") is None


def test_html_grid_expands_rowspan_and_colspan():
    import lxml.html

    table = lxml.html.fragment_fromstring(
        "<table><tr><td rowspan=2>三</td><td colspan=2>(一)予以公开</td><td>7</td></tr>"
        "<tr><td>(三)不予公开</td><td>1.属于国家秘密</td><td></td></tr></table>"
    )
    assert reader.html_grid(table) == [
        ["三", "(一)予以公开", "(一)予以公开", "7"],
        ["三", "(三)不予公开", "1.属于国家秘密", ""],
    ]


def test_html_writer_really_uses_merged_cells():
    page = write_html(BY_NAME["2021_ok"])
    assert 'rowspan="22"' in page  # 三、本年度办理结果 over its 22 rows
    assert 'colspan="10"' in page  # 行政诉讼
    assert "&nbsp;" in page


@pytest.mark.parametrize("name,folder", [("2021_ok", "ok"), ("2021_bad", "violations")])
def test_text_with_space_separated_columns_in_gbk(name, folder):
    """No ``|`` and no tabs: columns two or more spaces apart (as copied out of a PDF), GBK."""
    text = (REPORTS / folder / f"{name}.txt").read_text()
    spaced = re.sub(r"[ \t]*\|[ \t]*", "    ", text)
    assert_matches(check_upload(spaced.encode("gbk"), f"{name}.txt"), name, folder)
