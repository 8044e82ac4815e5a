"""``gongkai items import --agency SX120 历史信息.xlsx``,
``gongkai items archive --agency SX120 --from 2024-01-01 --to 2024-12-31 -o 报送.zip`` and
``gongkai items expire`` (daily: 规范性文件 past their 有效期 become 已失效)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from gongkai.core.request_context import acting_as
from gongkai.org.models import Agency
from gongkai.publishing import archive, importer, services


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} 日期格式不正确：{text}（应为 YYYY-MM-DD）") from None


class _RawStream:
    """tqdm redraws a line with \\r; Django's OutputWrapper would add a newline (and colour)."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, style_func=str, ending="")

    def flush(self) -> None:
        self._wrapper.flush()

    def isatty(self) -> bool:
        return self._wrapper.isatty()

    @property
    def encoding(self) -> str:  # tqdm draws block characters only where the stream can take them
        return getattr(self._wrapper, "encoding", None) or "utf-8"


class Command(BaseCommand):
    help = (
        "政府信息批量处理：import（导入历史信息）、archive（报送档案馆、图书馆）、"
        "expire（有效期届满的规范性文件标为已失效，每日运行）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="从 CSV（UTF-8）或 XLSX 导入历史信息；任一行有误则全部不导入；可重复运行",
        )
        imp.add_argument("--agency", required=True, metavar="CODE", help="机构代码，如 SX120")
        imp.add_argument("file", metavar="FILE", help="表头：" + "、".join(importer.HEADERS))
        arc = sub.add_parser("archive", help="将某期间已发布的信息打包（PDF、附件、清单）")
        arc.add_argument("--agency", required=True, metavar="CODE", help="机构代码，如 SX120")
        arc.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
        arc.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
        arc.add_argument("-o", "--output", required=True, metavar="FILE.zip")
        sub.add_parser(
            "expire", help="有效期届满的规章、规范性文件标为“已失效”（每日运行，可重复）"
        )

    def handle(self, *args, **options):
        if options["action"] == "expire":
            self.expire()
            return
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"未找到机构代码为 {options['agency']} 的机关。")
        if options["action"] == "import":
            self.import_file(agency, Path(options["file"]))
        else:
            self.archive(agency, options)

    def expire(self) -> None:
        with acting_as("命令:items expire"):
            expired = services.validity_expire_due()
        for item in expired:
            self.stdout.write(
                f"{item.agency.name}《{item.title}》有效期至{item.valid_until:%Y-%m-%d}，已标为已失效"
            )
        self.stdout.write(f"共 {len(expired)} 件文件标为已失效。")

    def progress_bar(self, desc: str):
        """A tqdm bar on stderr, drawn only when stderr is a terminal."""

        def wrap(items, total):
            stream = _RawStream(self.stderr)
            return tqdm(items, total=total, desc=desc, unit="条", file=stream, disable=None)

        return wrap

    def import_file(self, agency: Agency, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            table = importer.read_table(path)
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        rows, errors = importer.parse_rows(
            table,
            agency=agency,
            catalogue=importer.catalogue_of(agency),
            today=timezone.localdate(),
        )
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            bad_lines = len({e.line for e in errors})
            raise CommandError(f"{bad_lines} 行有误，未导入任何信息。请修改后重新导入。")

        with acting_as("命令:items import"):
            result = importer.items_import(
                agency=agency, rows=rows, progress=self.progress_bar("导入")
            )
        self.stdout.write(result.summary())

    def archive(self, agency: Agency, options) -> None:
        date_from = parse_date(options["date_from"], "--from")
        date_to = parse_date(options["date_to"], "--to")
        if date_from > date_to:
            raise CommandError(
                f"起始日期 {date_from.isoformat()} 晚于截止日期 {date_to.isoformat()}。"
            )
        out_path = Path(options["output"])
        if out_path.suffix.lower() != ".zip":
            raise CommandError(f"输出文件应以 .zip 结尾：{out_path}")
        if not out_path.parent.is_dir():
            raise CommandError(f"输出目录不存在：{out_path.parent}")
        try:
            count = archive.archive_build(
                agency=agency,
                date_from=date_from,
                date_to=date_to,
                out_path=out_path,
                progress=self.progress_bar("打包"),
            )
        except archive.ArchiveError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已打包 {agency.name} {date_from.isoformat()} 至 {date_to.isoformat()} "
            f"发布的信息 {count} 条：{out_path}"
        )
