"""Writes of 工作要点: importing a plan, mapping unit names, progress, deadlines and reminders.

Every write runs in a transaction and leaves a PlanEvent; mail goes out on commit.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.org.models import Agency, Unit
from gongkai.publishing import filetypes
from gongkai.publishing.services import Upload, attachment_check
from gongkai.workdays.services import get_calendar

from . import rules, selectors
from .models import PlanEvent, PlanTask, ProgressReport, WorkPlan
from .parser import (
    GROUP_LABELS,
    LEAD,
    Node,
    ParsedPlan,
    clean_lines,
    group_scope,
    not_a_plan,
    parse_plan,
)

COOPERATING = "cooperating"
ROLE_LABELS = {LEAD: "牵头", COOPERATING: "配合"}

# --- Reading the file ------------------------------------------------------------------------


@dataclass
class SourceText:
    text: str
    warnings: list[str] = field(default_factory=list)


def read_source(name: str, data: bytes) -> SourceText:
    """The plan's text from a DOCX (its paragraphs, then its tables) or a text file.

    Text files may be UTF-8 or GB18030 (what Chinese Windows saves as "ANSI").
    """
    if not data.strip():
        raise ValidationError(f"文件“{name}”是空文件。")
    kind = filetypes.detect(data[:16], data)
    not_docx = ValidationError(
        f"文件“{name}”不是有效的 Word（DOCX）文件（可能已损坏，或只是改了扩展名）。"
        "请用 Word 打开后另存为 DOCX，或上传文本（TXT）文件。"
    )
    if kind == "docx":
        try:
            return _docx_text(data)
        except Exception:  # zip, XML and package errors of a damaged file
            raise not_docx from None
    if kind is None and name.lower().endswith(".docx"):
        raise not_docx
    if kind is not None:
        raise ValidationError(
            f"文件“{name}”是{kind.upper()}文件。请上传 Word（DOCX）或文本（TXT）文件；"
            "DOC 文件请先另存为 DOCX。"
        )
    if b"\x00" in data[:4096]:
        raise ValidationError(f"文件“{name}”不是文本文件。请上传 Word（DOCX）或文本（TXT）文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return SourceText(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"无法识别文件“{name}”的文字编码，请另存为 UTF-8 文本后重新上传。")


def _docx_text(data: bytes) -> SourceText:
    from docx import Document

    document = Document(io.BytesIO(data))
    lines, auto_numbered = [], 0
    for paragraph in document.paragraphs:
        if paragraph.text.strip() and _auto_numbered(paragraph):
            auto_numbered += 1
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    warnings = []
    if auto_numbered:
        warnings.append(
            f"文档中有{auto_numbered}段使用了 Word 自动编号，自动编号不在文字中，"
            "这些条目的编号可能没有识别。如结构不对，请将编号改为文字后重新导入。"
        )
    return SourceText("\n".join(lines), warnings)


def _auto_numbered(paragraph) -> bool:
    """Whether Word numbers the paragraph itself (directly or through its style)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None:
            return True
        style = style.base_style
    return False


def source_digest(text: str) -> str:
    """The same plan from a DOCX or a text file, with different blank lines, digests the same."""
    return hashlib.sha256("\n".join(clean_lines(text)).encode()).hexdigest()


# --- Matching unit names ---------------------------------------------------------------------

_PREFIXES = ("本局", "局机关", "机关", "局属", "局", "市", "县", "区", "省", "州")


def name_keys(name: str, agency_names: tuple[str, ...] = ()) -> list[str]:
    """The ways a unit's name can be compared: as written, then without "局" / "机关" / "市" /
    the agency's own name in front ("局政法处" → "政法处", "市公路中心" → "公路中心")."""
    current = re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")
    keys = [current]
    prefixes = sorted({*agency_names, *_PREFIXES}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if prefix and current.startswith(prefix) and len(current) - len(prefix) >= 2:
                current = current[len(prefix) :]
                keys.append(current)
                changed = True
                break
    return keys


def split_aliases(aliases: str) -> list[str]:
    return [a for a in re.split(r"[、,，;；\s]+", aliases or "") if a]


class UnitMatcher:
    """Finds an agency's unit for a name in a plan, by the unit's name and its 别称."""

    def __init__(self, agency: Agency):
        self.agency_names = tuple(n for n in (agency.name, agency.short_name) if n)
        self.by_key: dict[str, set[int]] = {}
        self.units: dict[int, Unit] = {}
        for unit in agency.units.filter(is_active=True):
            self.units[unit.pk] = unit
            for written in [unit.name, *split_aliases(unit.aliases)]:
                for key in name_keys(written, self.agency_names):
                    self.by_key.setdefault(key, set()).add(unit.pk)

    def match(self, name: str) -> Unit | None:
        """The one unit the name means; None when none does, or when it could be several."""
        for key in name_keys(name, self.agency_names):
            found = self.by_key.get(key, set())
            if len(found) == 1:
                return self.units[next(iter(found))]
            if len(found) > 1:
                return None
        return None

    def alias_for(self, name: str) -> str:
        """What to remember as a 别称 so that the name matches next time."""
        return name_keys(name, self.agency_names)[-1]


@dataclass
class ResolvedName:
    name: str
    role: str  # "lead" or "cooperating"
    unit: Unit | None = None
    scope: str | None = None  # a collective phrase's scope (parser.group_scope)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "unit": self.unit.name if self.unit else None,
            "group": self.scope,
        }


@dataclass
class ResolvedTask:
    node: Node
    names: list[ResolvedName]

    def role(self, role: str) -> list[ResolvedName]:
        return [n for n in self.names if n.role == role]

    @property
    def split(self) -> list[list[ResolvedName]]:
        """[lead names, cooperating names], for a table's two columns."""
        return [self.role(LEAD), self.role(COOPERATING)]

    @property
    def unmatched(self) -> list[ResolvedName]:
        return [n for n in self.names if n.unit is None and n.scope is None]

    def as_dict(self) -> dict:
        node = self.node
        return {
            "path": node.path,
            "number": node.number,
            "title": node.title,
            "lead_units": [n.as_dict() for n in self.role(LEAD)],
            "cooperating_units": [n.as_dict() for n in self.role(COOPERATING)],
            "unmatched_units": [n.name for n in self.unmatched],
            "unit_phrase": node.phrase.text if node.phrase else "",
            "deadline": node.deadline.isoformat() if node.deadline else None,
            "deadline_source": node.deadline_source,
            "milestones": [d.isoformat() for d in node.milestones],
            "recurrence": node.recurrence,
        }


def resolve_names(node: Node, matcher: UnitMatcher) -> list[ResolvedName]:
    if node.phrase is None:
        return []
    resolved = []
    for role, names in ((LEAD, node.phrase.lead), (COOPERATING, node.phrase.cooperating)):
        for name in names:
            scope = group_scope(name)
            unit = None if scope else matcher.match(name)
            resolved.append(ResolvedName(name, role, unit, scope))
    return resolved


@dataclass
class Preview:
    """What an import would write (``--dry-run``), or what it wrote."""

    agency: Agency
    parsed: ParsedPlan
    title: str
    year: int
    tasks: list[ResolvedTask]
    digest: str
    warnings: list[str]
    plan: WorkPlan | None = None
    created: bool = False

    @property
    def unmatched_names(self) -> list[str]:
        """Names no unit matched, once each ("局政法处" and "政法处" are one name)."""
        names: dict[str, str] = {}
        for task in self.tasks:
            for n in task.unmatched:
                names.setdefault(name_keys(n.name, self.agency_names)[-1], n.name)
        return list(names.values())

    @property
    def agency_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.agency.name, self.agency.short_name) if n)

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code,
            "title": self.title,
            "year": self.year,
            "document_deadline": (
                self.parsed.report_deadline.isoformat() if self.parsed.report_deadline else None
            ),
            "issued": self.parsed.issued.isoformat() if self.parsed.issued else None,
            "task_count": len(self.tasks),
            "tasks": [t.as_dict() for t in self.tasks],
            "unmatched_units": self.unmatched_names,
            "warnings": self.warnings,
            "plan_id": self.plan.pk if self.plan else None,
            "created": self.created,
        }


def plan_preview(
    *, agency: Agency, text: str, source_warnings=(), year: int | None = None, title: str = ""
) -> Preview:
    """Parse and match without writing anything."""
    parsed = parse_plan(text, year=year)
    if parsed.year is None and year is None:  # dates like "12月底前" still need a year
        parsed = parse_plan(text, year=timezone.localdate().year)
    plan_year = year or parsed.year
    matcher = UnitMatcher(agency)
    tasks = [ResolvedTask(node, resolve_names(node, matcher)) for node in parsed.tasks()]
    warnings = [*source_warnings, *parsed.warnings]
    if parsed.report_deadline is None:
        warnings.append("文件中没有找到报送落实情况的期限，没有自己期限的任务暂无期限。")
    return Preview(
        agency=agency,
        parsed=parsed,
        title=(title or parsed.title or f"{plan_year}年政务公开工作要点")[:200],
        year=plan_year,
        tasks=tasks,
        digest=source_digest(text),
        warnings=warnings,
    )


@transaction.atomic
def plan_import(
    *,
    agency: Agency,
    text: str,
    by=None,
    source_name: str = "",
    source_warnings=(),
    year: int | None = None,
    title: str = "",
    dry_run: bool = False,
) -> Preview:
    """Import a plan's tree. The same text imported again changes nothing (idempotent)."""
    preview = plan_preview(
        agency=agency, text=text, source_warnings=source_warnings, year=year, title=title
    )
    if not preview.parsed.roots:
        raise ValidationError("没有识别到编号的条目，未导入。请检查文件是否为工作要点正文。")
    reason = not_a_plan(preview.parsed)
    if reason:
        raise ValidationError(reason)
    existing = WorkPlan.objects.filter(agency=agency, source_sha256=preview.digest).first()
    if existing is not None:
        preview.plan = existing
        return preview
    if WorkPlan.objects.filter(agency=agency, year=preview.year, title=preview.title).exists():
        raise ValidationError(
            f"本机关已导入《{preview.title}》（{preview.year}年），内容与本次文件不同。"
            "如需重新导入，请先删除已导入的工作要点。"
        )
    if dry_run:
        return preview
    plan = WorkPlan.objects.create(
        agency=agency,
        year=preview.year,
        title=preview.title,
        source_name=source_name[:200],
        source_text=text,
        source_sha256=preview.digest,
        issued_date=preview.parsed.issued,
        report_deadline=preview.parsed.report_deadline,
        imported_by=by,
    )
    resolved = {id(t.node): t for t in preview.tasks}
    position = 0

    def write(nodes: list[Node], parent: PlanTask | None) -> None:
        nonlocal position
        for node in nodes:
            position += 1
            task = PlanTask.objects.create(
                plan=plan,
                parent=parent,
                position=position,
                level=node.level,
                number=node.number[:20],
                path=node.path[:100],
                title=node.title[:200],
                text=node.text,
                is_task=node.is_task,
                unit_phrase=(node.phrase.text if node.phrase else "")[:300],
                deadline=node.deadline if node.is_task else None,
                deadline_source=node.deadline_source if node.is_task else "",
                milestones=[d.isoformat() for d in node.milestones] if node.is_task else [],
                recurrence=node.recurrence,
            )
            if node.is_task:
                _assign(task, resolved[id(node)].names)
            write(node.children, task)

    write(preview.parsed.roots, None)
    _event(
        plan,
        PlanEvent.Kind.IMPORTED,
        by,
        f"导入{len(preview.tasks)}项任务"
        + (
            f"；未对应的单位名称：{'、'.join(preview.unmatched_names)}"
            if preview.unmatched_names
            else ""
        ),
    )
    preview.plan, preview.created = plan, True
    return preview


def _assign(task: PlanTask, names: list[ResolvedName]) -> None:
    groups, unmatched = [], []
    for n in names:
        if n.scope:
            groups.append({"phrase": n.name, "scope": n.scope, "role": n.role})
        elif n.unit is not None:
            (task.lead_units if n.role == LEAD else task.cooperating_units).add(n.unit)
        else:
            unmatched.append({"name": n.name, "role": n.role})
    task.groups, task.unmatched_units = groups, unmatched
    task.save(update_fields=["groups", "unmatched_units"])


def _event(plan, kind, by, note="", task=None) -> PlanEvent:
    return PlanEvent.objects.create(plan=plan, task=task, kind=kind, actor=by, note=note)


def _require_manager(by, agency: Agency) -> None:
    if by is not None and not selectors.can_manage(by, agency):
        raise PermissionDenied("只有公开办可以进行此操作。")


@transaction.atomic
def plan_delete(*, plan: WorkPlan, by) -> None:
    """A plan nobody has reported on yet may be deleted (e.g. to import a corrected file)."""
    _require_manager(by, plan.agency)
    if ProgressReport.objects.filter(task__plan=plan).exists():
        raise ValidationError("已有单位报送落实情况，不能删除该工作要点。")
    plan.delete()


# --- Unmatched names -------------------------------------------------------------------------


@dataclass
class UnmatchedName:
    """One name no unit matched, in every way the plans write it, and where it appears."""

    key: str
    written: list[str]
    tasks: list[PlanTask]


def unmatched_names(plan: WorkPlan) -> list[UnmatchedName]:
    matcher = UnitMatcher(plan.agency)
    found: dict[str, UnmatchedName] = {}
    for task in plan.tasks().exclude(unmatched_units=[]).order_by("position"):
        for name in task.unmatched_names():
            key = matcher.alias_for(name)
            entry = found.setdefault(key, UnmatchedName(key, [], []))
            if name not in entry.written:
                entry.written.append(name)
            if task not in entry.tasks:
                entry.tasks.append(task)
    return list(found.values())


@transaction.atomic
def unmatched_map(*, plan: WorkPlan, key: str, unit: Unit, by) -> int:
    """Map a name to a unit: every task of the agency's plans that names it (in any of its written
    forms) gets the unit, and the name becomes one of the unit's 别称 so that the next import
    matches it by itself. Returns how many tasks changed."""
    _require_manager(by, plan.agency)
    if unit.agency_id != plan.agency_id:
        raise ValidationError("只能对应到本机关的内设机构。")
    matcher = UnitMatcher(plan.agency)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if matcher.match(key) != unit:
        aliases = split_aliases(unit.aliases)
        if key not in aliases and key != unit.name:
            joined = "、".join([*aliases, key])
            if len(joined) > Unit._meta.get_field("aliases").max_length:
                raise ValidationError(f"“{unit.name}”的别称已太长，请在机构管理中整理后再对应。")
            unit.aliases = joined
            unit.save(update_fields=["aliases"])
    changed = 0
    tasks = PlanTask.objects.filter(plan__agency=plan.agency, is_task=True).exclude(
        unmatched_units=[]
    )
    for task in tasks.select_related("plan"):
        hits = [u for u in task.unmatched_units if matcher.alias_for(u["name"]) == key]
        if not hits:
            continue
        for hit in hits:
            (task.lead_units if hit["role"] == LEAD else task.cooperating_units).add(unit)
        task.unmatched_units = [u for u in task.unmatched_units if u not in hits]
        task.save(update_fields=["unmatched_units"])
        written = "、".join(dict.fromkeys(h["name"] for h in hits))
        _event(task.plan, PlanEvent.Kind.UNIT_MAPPED, by, f"“{written}”对应为{unit.name}", task)
        _recompute_done(task, by)
        changed += 1
    return changed


@transaction.atomic
def unmatched_mark_external(*, plan: WorkPlan, key: str, by) -> int:
    """A name that is not a unit of the agency (another agency, a 市属 body): kept as written,
    listed as an outside unit instead of waiting to be mapped."""
    _require_manager(by, plan.agency)
    matcher = UnitMatcher(plan.agency)
    changed = 0
    for task in plan.tasks().exclude(unmatched_units=[]):
        hits = [u for u in task.unmatched_units if matcher.alias_for(u["name"]) == key]
        if not hits:
            continue
        task.external_units = [*task.external_units, *hits]
        task.unmatched_units = [u for u in task.unmatched_units if u not in hits]
        task.save(update_fields=["unmatched_units", "external_units"])
        written = "、".join(dict.fromkeys(h["name"] for h in hits))
        _event(plan, PlanEvent.Kind.UNIT_EXTERNAL, by, f"“{written}”不是本机关的内设机构", task)
        changed += 1
    return changed


# --- Progress --------------------------------------------------------------------------------


@transaction.atomic
def progress_report(
    *,
    task: PlanTask,
    unit: Unit,
    by,
    text: str,
    is_done: bool = False,
    upload: Upload | None = None,
) -> ProgressReport:
    """A unit reports its 落实情况. Only people of the task's own units may report."""
    if unit not in selectors.reporting_units(by, task):
        raise PermissionDenied("只有该任务的牵头或配合单位的工作人员可以报送落实情况。")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写落实情况。"})
    # The task row locked: a report sent twice at once (a double click) is seen by the second.
    PlanTask.objects.select_for_update().filter(pk=task.pk).first()
    last = task.reports.filter(unit=unit).order_by("-reported_at", "-pk").first()
    if (
        last is not None
        and (last.text, last.is_done, last.reported_by_id) == (text, is_done, by.pk)
        and last.attachment_name == (upload.name[:200] if upload else "")
        and last.attachment_size == (len(upload.data) if upload else last.attachment_size)
        and timezone.now() - last.reported_at < timedelta(minutes=2)
    ):
        return last  # the same report, sent again within two minutes: kept once
    report = ProgressReport(task=task, unit=unit, text=text, is_done=is_done, reported_by=by)
    if upload is not None:
        report.attachment_type = attachment_check(upload)
        report.attachment_name = upload.name[:200]
        report.attachment_size = len(upload.data)
        report.attachment.save(upload.name, ContentFile(upload.data), save=False)
    report.save()
    _event(
        task.plan,
        PlanEvent.Kind.REPORTED,
        by,
        f"{unit.name}报送落实情况" + ("（已完成）" if is_done else ""),
        task,
    )
    _recompute_done(task, by)
    return report


def _recompute_done(task: PlanTask, by) -> None:
    """The cached completion date follows the lead units' latest reports."""
    latest: dict[int, ProgressReport] = {}
    for report in task.reports.all():
        latest.setdefault(report.unit_id, report)
    lead_ids = set(task.lead_units.values_list("pk", flat=True))
    done = rules.is_done(lead_ids, {u: r.is_done for u, r in latest.items()})
    if done and task.done_on is None:
        task.done_on = timezone.localdate(max(r.reported_at for r in latest.values()))
        task.save(update_fields=["done_on"])
        _event(task.plan, PlanEvent.Kind.DONE, by, "牵头单位报告已完成", task)
    elif not done and task.done_on is not None:
        task.done_on = None
        task.save(update_fields=["done_on"])
        _event(task.plan, PlanEvent.Kind.REOPENED, by, "牵头单位报告尚未完成", task)


@transaction.atomic
def task_deadline_change(*, task: PlanTask, deadline: date | None, by, reason: str) -> PlanTask:
    """The office sets a task's deadline (e.g. when the superior moves it); the reason is kept."""
    _require_manager(by, task.plan.agency)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写调整期限的理由。"})
    before = task.deadline
    task.deadline = deadline
    task.deadline_source = "office" if deadline else ""
    # The old deadline goes; the text's own milestones (每季度 …) stay if they come before.
    kept = [
        d
        for d in task.milestones
        if deadline and d != (before.isoformat() if before else None) and d < deadline.isoformat()
    ]
    task.milestones = sorted(kept + ([deadline.isoformat()] if deadline else []))
    task.save(update_fields=["deadline", "deadline_source", "milestones"])
    old = before.isoformat() if before else "无"
    new = deadline.isoformat() if deadline else "无"
    _event(task.plan, PlanEvent.Kind.DEADLINE_CHANGED, by, f"{old} → {new}：{reason}", task)
    return task


# --- Reminders -------------------------------------------------------------------------------


@dataclass
class ReminderResult:
    tasks: int
    recipients: list[str]
    units_without_address: list[str]
    tasks_without_units: list[str] = field(default_factory=list)  # their paths (一/1.)


@transaction.atomic
def reminders_send(
    *, plan: WorkPlan, by, today: date, task: PlanTask | None = None
) -> ReminderResult:
    """催办: e-mail the people of each open task's units — one task if given, else every task
    that is overdue or due within 3 working days. One message per person."""
    _require_manager(by, plan.agency)
    cal = get_calendar()
    if task is not None:
        chosen = [task] if not task.is_done else []
    else:
        chosen = [
            row.task
            for row in selectors.board(plan, today, cal)
            if row.status in (rules.Status.OVERDUE, rules.Status.DUE_SOON)
        ]
    per_person: dict[int, tuple[object, list[PlanTask]]] = {}
    silent_units: list[str] = []
    unassigned: list[str] = []
    for item in chosen:
        units = item.responsible_units()
        if not units:
            unassigned.append(f"{item.path} {item.title}")
        for unit in units:
            people = [u for u in selectors.unit_members([unit]) if u.email]
            if not people and unit.name not in silent_units:
                silent_units.append(unit.name)
            for person in people:
                per_person.setdefault(person.pk, (person, []))[1].append(item)
    for item in chosen:
        _event(plan, PlanEvent.Kind.REMINDED, by, "催办报送落实情况", item)

    messages = []
    for person, items in per_person.values():
        unique = list({t.pk: t for t in items}.values())
        messages.append((person.email, _reminder_text(person, plan, unique, today)))

    def send():
        for address, body in messages:
            send_mail(
                subject=f"【政务公开】请报送《{plan.title}》任务落实情况",
                message=body,
                from_email=None,
                recipient_list=[address],
            )

    transaction.on_commit(send)
    return ReminderResult(
        len(chosen), [address for address, _ in messages], silent_units, unassigned
    )


def _reminder_text(person, plan: WorkPlan, tasks: list[PlanTask], today: date) -> str:
    lines = [
        f"{person.display_name}，您好：",
        "",
        f"截至{today.year}年{today.month}月{today.day}日，《{plan.title}》中以下任务请您所在单位"
        "报送落实情况：",
    ]
    for task in tasks:
        due = f"期限 {task.deadline:%Y-%m-%d}" if task.deadline else "未定期限"
        lines.append(
            f"- {task.path} {task.title}（{due}）{settings.GONGKAI_BASE_URL}{task.get_absolute_url()}"
        )
    lines += ["", "请登录政务公开工作平台报送。此邮件由系统自动发送，请勿回复。"]
    return "\n".join(lines)


# --- The report ------------------------------------------------------------------------------


def report_generate(*, plan: WorkPlan, by, today: date) -> bytes:
    """落实情况报告 draft (DOCX) from the units' reports; the draft is recorded, not stored."""
    from .report import report_docx

    _require_manager(by, plan.agency)
    data = report_docx(plan, today)
    _event(plan, PlanEvent.Kind.REPORT_GENERATED, by, "生成落实情况报告初稿（DOCX）")
    return data


def group_label(scope: str) -> str:
    return GROUP_LABELS.get(scope, scope)
