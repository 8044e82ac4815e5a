"""`gongkai items import`: an agency's history comes in whole, once, or not at all."""

import csv
import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.publishing.choices import Disclosure, WithholdGround
from gongkai.publishing.importer import HEADERS
from gongkai.publishing.models import CatalogueEntry, InformationItem, ItemEvent
from gongkai.publishing.services import catalogue_apply_template

pytestmark = pytest.mark.django_db

Status = InformationItem.Status


def row(**cells):
    """One file row; the column names are the file's Chinese headers."""
    return {h: cells.get(h, "") for h in HEADERS}


GOOD_ROWS = [
    row(
        标题="示例县交通运输局关于印发《农村公路养护管理办法》的通知",
        目录="行政规范性文件",
        文号="示县交〔2020〕19号",
        成文日期="2020-05-06",
        发布日期="2020-05-08",
        公开属性="主动公开",
        正文="第一条 为加强农村公路养护管理……\n第二条 本办法适用于本县农村公路。",
    ),
    row(
        标题="2021年道路运输行业安全生产工作要点",
        目录="规划计划",
        发布日期="2021-03-02",
        公开属性="主动公开",
        发布机构="示例县交通运输局运输股",
        正文="<p>一、<strong>总体要求</strong></p><script>alert(1)</script>",
    ),
    row(
        标题="关于某企业道路运输经营许可的审查意见",
        目录="行政许可",
        发布日期="2021-06-10",
        公开属性="不予公开",
        不公开理由="保护第三方合法权益",
        正文="涉及商业秘密的审查意见。",
    ),
    row(
        标题="局党组会议纪要（2021年第3期）",
        目录="政策文件 › 其他文件",
        发布日期="2021-07-01",
        公开属性="依申请公开",
        不公开理由='危及"三安全一稳定"',
    ),
    row(
        标题="某路段交通事故处理情况通报",
        目录="政策文件/其他文件",
        发布日期="2022-01-20",
        公开属性="删减后公开",
        不公开理由="保护第三方合法权益",
        正文="事故发生于××路段，当事人张某……",
    ),
]


def write_csv(path, rows, *, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_import(agency, path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("items", "import", "--agency", agency.code, str(path), stdout=out, stderr=err)
    finally:
        run_import.err = err.getvalue()
    return out.getvalue()


@pytest.fixture
def columns(transport):
    catalogue_apply_template(agency=transport)
    return transport


def test_a_good_csv_imports_every_row(columns, tmp_path):
    out = run_import(columns, write_csv(tmp_path / "history.csv", GOOD_ROWS))

    assert "导入完成：新增 5 条（主动公开 3 条已发布，2 条不公开登记），已存在 0 条。" in out
    items = InformationItem.objects.filter(agency=columns)
    assert items.count() == 5
    assert all(i.source == InformationItem.Source.IMPORTED and i.drafter is None for i in items)
    assert (
        ItemEvent.objects.filter(item__agency=columns, action="imported", actor=None).count() == 5
    )


def test_active_rows_are_published_as_of_their_date_with_an_index_number_of_that_year(
    columns, tmp_path
):
    run_import(columns, write_csv(tmp_path / "history.csv", GOOD_ROWS))

    notice = InformationItem.objects.get(doc_number="示县交〔2020〕19号")
    assert notice.status == Status.PUBLISHED
    assert notice.index_number == "SX120-0202-2020-00001"
    assert notice.published_at == datetime(2020, 5, 8, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert notice.decided_at == notice.published_at
    assert notice.written_date == date(2020, 5, 6)
    assert notice.formed_date == date(2020, 5, 6)
    assert notice.validity == "valid"  # a 行政规范性文件 column
    assert notice.publisher_name == "示例县交通运输局"
    assert notice.body.startswith("<p>第一条")
    assert notice.footer_note == "此件主动公开"

    plan = InformationItem.objects.get(title="2021年道路运输行业安全生产工作要点")
    assert plan.index_number == "SX120-0400-2021-00001"
    assert plan.formed_date == date(2021, 3, 2)  # no 成文日期: the 发布日期
    assert plan.written_date is None
    assert plan.validity == ""
    assert plan.publisher_name == "示例县交通运输局运输股"
    assert "<script>" not in plan.body and "<strong>总体要求</strong>" in plan.body

    published = InformationItem.objects.published()
    assert {notice, plan} <= set(published)
    event = notice.events.get()
    assert (event.action, event.actor, event.to_status) == ("imported", None, Status.PUBLISHED)


def test_non_public_rows_are_recorded_and_never_published(columns, tmp_path):
    run_import(columns, write_csv(tmp_path / "history.csv", GOOD_ROWS))

    withheld = InformationItem.objects.get(title="关于某企业道路运输经营许可的审查意见")
    on_request = InformationItem.objects.get(title="局党组会议纪要（2021年第3期）")
    for item in (withheld, on_request):
        assert item.status == Status.RECORDED
        assert item.index_number is None and item.published_at is None
        assert item.decided_at is not None
        assert item not in InformationItem.objects.published()
        assert item.events.get().to_status == Status.RECORDED
    assert withheld.disclosure == Disclosure.WITHHELD
    assert withheld.withhold_ground == WithholdGround.THIRD_PARTY
    assert withheld.withhold_explanation == "历史导入：保护第三方合法权益"
    assert on_request.withhold_ground == WithholdGround.SECURITY_STABILITY  # ASCII quotes accepted
    assert on_request.entry.path_name == "政策文件 › 其他文件"


def test_redacted_rows_publish_their_text_as_the_public_version(columns, tmp_path):
    run_import(columns, write_csv(tmp_path / "history.csv", GOOD_ROWS))

    report = InformationItem.objects.get(title="某路段交通事故处理情况通报")
    assert report.status == Status.PUBLISHED
    assert report.index_number == "SX120-0203-2022-00001"
    assert report.disclosure == Disclosure.REDACTED
    assert report.public_body == report.redacted_body == report.body
    assert "张某" in report.public_body
    assert report in InformationItem.objects.published()


def test_importing_the_same_file_twice_adds_nothing(columns, tmp_path):
    path = write_csv(tmp_path / "history.csv", GOOD_ROWS)
    run_import(columns, path)
    numbers = set(InformationItem.objects.values_list("index_number", flat=True))

    out = run_import(columns, path)

    assert "新增 0 条（主动公开 0 条已发布，0 条不公开登记），已存在 5 条。" in out
    assert InformationItem.objects.count() == 5
    assert set(InformationItem.objects.values_list("index_number", flat=True)) == numbers
    assert ItemEvent.objects.count() == 5


def test_a_row_repeated_in_the_file_is_imported_once(columns, tmp_path):
    repeated = [*GOOD_ROWS[:2], {**GOOD_ROWS[0], "标题": f"  {GOOD_ROWS[0]['标题']} "}]
    out = run_import(columns, write_csv(tmp_path / "history.csv", repeated))

    assert "新增 2 条" in out and "文件内重复 1 条" in out
    assert InformationItem.objects.count() == 2


def test_any_bad_row_imports_nothing_and_every_bad_row_is_listed(columns, tmp_path):
    rows = [
        GOOD_ROWS[0],  # line 2: fine
        {**GOOD_ROWS[1], "目录": "不存在的栏目"},  # line 3
        {**GOOD_ROWS[1], "标题": "日期有误", "发布日期": "2021-02-30"},  # line 4
        {**GOOD_ROWS[0], "标题": "文号有误", "文号": "泉交办[2020]19号"},  # line 5
        {**GOOD_ROWS[2], "不公开理由": ""},  # line 6
        {**GOOD_ROWS[1], "标题": "属性有误", "公开属性": "内部公开"},  # line 7
        GOOD_ROWS[3],  # line 8: fine
    ]
    with pytest.raises(CommandError, match="5 行有误，未导入任何信息"):
        run_import(columns, write_csv(tmp_path / "bad.csv", rows))

    err = run_import.err
    assert InformationItem.objects.count() == 0
    assert "第3行：本机关目录中没有栏目“不存在的栏目”" in err
    assert "第4行：发布日期“2021-02-30”不是有效日期" in err
    assert "第5行：文号“泉交办[2020]19号”" in err and "应为“泉交办〔2020〕19号”" in err
    assert "第6行：公开属性为“不予公开”时，必须填写不公开理由" in err
    assert "第7行：公开属性“内部公开”无效" in err
    assert "第2行" not in err and "第8行" not in err


def test_an_active_row_with_a_withholding_ground_is_refused(columns, tmp_path):
    rows = [{**GOOD_ROWS[0], "不公开理由": "属于国家秘密"}]
    with pytest.raises(CommandError):
        run_import(columns, write_csv(tmp_path / "bad.csv", rows))
    assert "第2行：公开属性为“主动公开”时，不公开理由应为空。" in run_import.err


def test_an_ambiguous_column_name_needs_its_parent(columns, tmp_path):
    for parent_name in ("行政许可", "行政处罚"):
        parent = CatalogueEntry.objects.get(agency=columns, parent=None, name=parent_name)
        CatalogueEntry.objects.create(agency=columns, parent=parent, name="办理结果", code="0701")
    ambiguous = [{**GOOD_ROWS[1], "目录": "办理结果"}]
    with pytest.raises(CommandError):
        run_import(columns, write_csv(tmp_path / "bad.csv", ambiguous))
    assert "有多个同名栏目" in run_import.err and "行政处罚 › 办理结果" in run_import.err

    run_import(
        columns, write_csv(tmp_path / "ok.csv", [{**GOOD_ROWS[1], "目录": "行政处罚/办理结果"}])
    )
    assert InformationItem.objects.get().entry.parent.name == "行政处罚"


def test_a_csv_with_a_byte_order_mark_imports(columns, tmp_path):
    out = run_import(columns, write_csv(tmp_path / "excel.csv", GOOD_ROWS[:2], bom=True))
    assert "新增 2 条" in out


def test_an_xlsx_file_imports_with_date_cells(columns, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    first = dict(GOOD_ROWS[0], 成文日期=date(2020, 5, 6), 发布日期=datetime(2020, 5, 8))
    sheet.append([first[h] for h in HEADERS])
    sheet.append([GOOD_ROWS[2][h] for h in HEADERS])
    sheet.append([None] * len(HEADERS))  # spreadsheets often end in blank rows
    path = tmp_path / "history.xlsx"
    workbook.save(path)

    out = run_import(columns, path)

    assert "新增 2 条（主动公开 1 条已发布，1 条不公开登记）" in out
    notice = InformationItem.objects.get(doc_number="示县交〔2020〕19号")
    assert notice.index_number == "SX120-0202-2020-00001"
    assert notice.written_date == date(2020, 5, 6)
    assert notice.published_at.astimezone(ZoneInfo("Asia/Shanghai")).time() == time(9, 0)


def test_the_import_is_attributed_to_the_command_in_the_audit_log(columns, tmp_path):
    run_import(columns, write_csv(tmp_path / "history.csv", GOOD_ROWS[:1]))
    item = InformationItem.objects.get()
    event = AuditEvent.objects.filter(
        object_id=str(item.pk), object_type="publishing.informationitem"
    ).first()
    assert event is not None and event.actor_name == "命令:items import"


def test_unknown_agency_missing_headers_and_other_file_types_are_refused(columns, tmp_path):
    path = write_csv(tmp_path / "history.csv", GOOD_ROWS[:1])
    with pytest.raises(CommandError, match="未找到机构代码为 XX999 的机关。"):
        call_command("items", "import", "--agency", "XX999", str(path))

    partial = tmp_path / "partial.csv"
    partial.write_text("标题,目录,发布日期\n某信息,规划计划,2021-01-01\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="缺少表头：文号、成文日期、公开属性、不公开理由、发布机构、正文"
    ):
        run_import(columns, partial)

    old_excel = tmp_path / "history.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CommandError, match="不支持的文件类型"):
        run_import(columns, old_excel)

    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(",".join(HEADERS).encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8 编码"):
        run_import(columns, gbk)
    assert InformationItem.objects.count() == 0
