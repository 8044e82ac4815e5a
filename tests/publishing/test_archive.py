"""`gongkai items archive`: what the public saw in a period, packed for the 档案馆 and 图书馆."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.publishing.importer import HEADERS, catalogue_of, items_import, parse_rows
from gongkai.publishing.models import InformationItem
from gongkai.publishing.services import Upload, attachment_add, catalogue_apply_template

try:
    import weasyprint  # noqa: F401
except OSError as exc:  # the Python package is installed, the system's Pango may not be
    pytest.skip(f"WeasyPrint cannot load its system libraries: {exc}", allow_module_level=True)

from gongkai.publishing.archive import archive_build, archive_item_html

pytestmark = pytest.mark.django_db

SECRET = "未删减原件：当事人张三，身份证号 350500199001011234"
PDF = b"%PDF-1.4\n% attachment\n"


def history(agency, *rows):
    """Items as the import makes them (published as of their date, or recorded)."""
    table = [(n, {h: r.get(h, "") for h in HEADERS}) for n, r in enumerate(rows, start=2)]
    good, errors = parse_rows(
        table, agency=agency, catalogue=catalogue_of(agency), today=date.today()
    )
    assert not errors, errors
    return {i.title: i for i in items_import(agency=agency, rows=good).items}


@pytest.fixture
def period_items(transport, education, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    catalogue_apply_template(agency=transport)
    catalogue_apply_template(agency=education)
    items = history(
        transport,
        {
            "标题": "关于印发《农村公路养护管理办法》的通知",
            "目录": "行政规范性文件",
            "文号": "示县交〔2024〕3号",
            "成文日期": "2024-03-01",
            "发布日期": "2024-03-05",
            "公开属性": "主动公开",
            "正文": "第一条 为加强农村公路养护管理，制定本办法。",
        },
        {
            "标题": "某路段交通事故处理情况通报",
            "目录": "公示公告",
            "发布日期": "2024-06-10",
            "公开属性": "删减后公开",
            "不公开理由": "保护第三方合法权益",
            "正文": "事故发生于××路段，当事人张某已依法处理。",
        },
        {
            "标题": "局党组会议纪要",
            "目录": "政策文件 › 其他文件",
            "发布日期": "2024-04-01",
            "公开属性": "不予公开",
            "不公开理由": "属于三类内部事务信息",
        },
        {
            "标题": "已撤回的公告",
            "目录": "公示公告",
            "发布日期": "2024-05-01",
            "公开属性": "主动公开",
            "正文": "撤回前的内容。",
        },
        {
            "标题": "上一年度的公告",
            "目录": "公示公告",
            "发布日期": "2023-12-31",
            "公开属性": "主动公开",
        },
    )
    items |= history(
        education,
        {
            "标题": "教育局的通知",
            "目录": "公示公告",
            "发布日期": "2024-03-05",
            "公开属性": "主动公开",
        },
    )
    # A 删减后公开 item drafted in the system keeps its unredacted original in ``body``.
    redacted = items["某路段交通事故处理情况通报"]
    redacted.body = f"<p>{SECRET}</p>"
    redacted.save()
    InformationItem.objects.filter(title="已撤回的公告").update(
        status=InformationItem.Status.WITHDRAWN
    )
    draft = InformationItem.objects.create(
        agency=transport, entry=redacted.entry, title="尚未提交的草稿", body="草稿"
    )
    notice = items["关于印发《农村公路养护管理办法》的通知"]
    attachment_add(item=notice, by=None, upload=Upload("养护管理办法.pdf", PDF + b"1"))
    attachment_add(item=notice, by=None, upload=Upload("养护管理办法.pdf", PDF + b"2"))
    attachment_add(item=notice, by=None, upload=Upload("../../etc/评分表.pdf", PDF + b"3"))
    attachment_add(item=redacted, by=None, upload=Upload("通报（删减版）.pdf", PDF + b"4"))
    attachment_add(
        item=redacted, by=None, upload=Upload("通报原件.pdf", PDF + b"5"), internal_only=True
    )
    return {**items, "草稿": draft}


def page_count(pdf: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def build(agency, tmp_path, date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)):
    out = tmp_path / "报送.zip"
    count = archive_build(agency=agency, date_from=date_from, date_to=date_to, out_path=out)
    return count, zipfile.ZipFile(out)


def manifest(zf):
    raw = zf.read("manifest.csv")
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_package_holds_a_pdf_per_published_item_and_a_manifest(
    transport, period_items, tmp_path
):
    count, zf = build(transport, tmp_path)

    notice = period_items["关于印发《农村公路养护管理办法》的通知"]
    redacted = period_items["某路段交通事故处理情况通报"]
    assert count == 2
    pdfs = sorted(n for n in zf.namelist() if n.endswith(".pdf") and "/attachments/" not in n)
    assert pdfs == [
        f"items/{notice.index_number}/{notice.index_number}.pdf",
        f"items/{redacted.index_number}/{redacted.index_number}.pdf",
    ]
    for name in pdfs:
        data = zf.read(name)
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert page_count(data) == 1

    rows = manifest(zf)
    assert list(rows[0]) == [
        "序号", "索引号", "标题", "文号", "发布机构", "成文日期", "发布日期",
        "目录", "主题分类", "公开属性", "PDF文件", "附件文件",
    ]  # fmt: skip
    assert [r["索引号"] for r in rows] == [notice.index_number, redacted.index_number]
    first = rows[0]
    assert first["序号"] == "1"
    assert first["标题"] == notice.title
    assert first["文号"] == "示县交〔2024〕3号"
    assert first["发布机构"] == "示例县交通运输局"
    assert (first["成文日期"], first["发布日期"]) == ("2024-03-01", "2024-03-05")
    assert first["目录"] == "政策文件 › 行政规范性文件"
    assert first["主题分类"] == "综合政务"
    assert first["公开属性"] == "主动公开"
    assert rows[1]["公开属性"] == "删减后公开"
    assert first["PDF文件"] == pdfs[0]


def test_public_attachments_go_in_with_clashing_names_kept_apart(transport, period_items, tmp_path):
    _, zf = build(transport, tmp_path)

    notice = period_items["关于印发《农村公路养护管理办法》的通知"]
    folder = f"items/{notice.index_number}/attachments"
    assert zf.read(f"{folder}/养护管理办法.pdf") == PDF + b"1"
    assert zf.read(f"{folder}/养护管理办法 (2).pdf") == PDF + b"2"
    assert zf.read(f"{folder}/评分表.pdf") == PDF + b"3"  # no way out of its folder
    assert manifest(zf)[0]["附件文件"].split("；") == [
        f"{folder}/养护管理办法.pdf",
        f"{folder}/养护管理办法 (2).pdf",
        f"{folder}/评分表.pdf",
    ]


def test_the_unredacted_original_never_goes_in(transport, period_items, tmp_path):
    _, zf = build(transport, tmp_path)

    redacted = period_items["某路段交通事故处理情况通报"]
    names = zf.namelist()
    assert f"items/{redacted.index_number}/attachments/通报（删减版）.pdf" in names
    assert not any("通报原件" in n for n in names)
    assert all(PDF + b"5" != zf.read(n) for n in names)

    html = archive_item_html(redacted)
    assert "当事人张某已依法处理" in html
    assert "张三" not in html and SECRET not in html
    assert "此件删减后公开" in html


def test_withdrawn_recorded_draft_and_other_items_stay_out(transport, period_items, tmp_path):
    _, zf = build(transport, tmp_path)

    titles = {r["标题"] for r in manifest(zf)}
    for title in (
        "局党组会议纪要",
        "已撤回的公告",
        "尚未提交的草稿",
        "上一年度的公告",
        "教育局的通知",
    ):
        assert title not in titles
    assert len([n for n in zf.namelist() if n.endswith(".pdf") and "/attachments/" not in n]) == 2


def test_the_period_counts_the_local_publication_date(transport, period_items, tmp_path):
    count, zf = build(transport, tmp_path, date(2023, 12, 31), date(2024, 3, 5))
    assert count == 2
    assert {r["标题"] for r in manifest(zf)} == {
        "上一年度的公告",
        "关于印发《农村公路养护管理办法》的通知",
    }


def test_the_pdf_page_shows_the_metadata_and_the_footer_note(period_items):
    notice = period_items["关于印发《农村公路养护管理办法》的通知"]
    html = archive_item_html(notice)
    for text in (
        notice.index_number,
        "示例县交通运输局",
        "示县交〔2024〕3号",
        "2024-03-01",
        "2024-03-05",
        "综合政务",
        "政策文件 › 行政规范性文件",
        "有效性",
        "此件主动公开",
        "第一条 为加强农村公路养护管理",
    ):
        assert text in html
    assert "有效性" not in archive_item_html(period_items["某路段交通事故处理情况通报"])


def test_the_command_writes_the_package_and_checks_its_dates(transport, period_items, tmp_path):
    out = tmp_path / "报送.zip"
    stdout = io.StringIO()
    call_command(
        "items", "archive", "--agency", "SX120", "--from", "2024-01-01", "--to", "2024-12-31",
        "-o", str(out), stdout=stdout,
    )  # fmt: skip
    assert "2 条" in stdout.getvalue()
    assert zipfile.ZipFile(out).testzip() is None

    with pytest.raises(CommandError, match="晚于截止日期"):
        call_command(
            "items", "archive", "--agency", "SX120", "--from", "2024-12-31", "--to", "2024-01-01",
            "-o", str(out),
        )  # fmt: skip
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command(
            "items", "archive", "--agency", "SX120", "--from", "2024/01/01", "--to", "2024-12-31",
            "-o", str(out),
        )  # fmt: skip
    with pytest.raises(CommandError, match="未找到机构代码为 XX999 的机关"):
        call_command(
            "items", "archive", "--agency", "XX999", "--from", "2024-01-01", "--to", "2024-12-31",
            "-o", str(out),
        )  # fmt: skip
