"""Letters to applicants (and third parties), rendered from editable templates into DOCX
(python-docx) and PDF (WeasyPrint).

A letter is created with the date of its step (receipt, 补正告知, extension approval, consultation,
fee notice, answer sign-off, …) and a 文号 (GB/T 9704-2012 §7.2.5: 机关代字〔年份〕序号号, per agency,
prefix and year from ``serials.serial_next``); both are stored, with the facts the template was
filled with. ``letter_regenerate`` renders the letter again (a new template, a new seal) from what
was stored: the date, the number and the facts never change.

A letter that decides something ends with the remedies (条例第五十一条): 行政复议 within sixty days
to the 复议机关, 行政诉讼 within six months (``remedies.py``).
"""

from __future__ import annotations

import base64
import html
import io
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone

from gongkai.core.pdf import write_pdf
from gongkai.core.serials import serial_next

from . import basis, clock, fees
from .choices import Result
from .models import Fee, Letter, LetterSettings, LetterTemplate
from .remedies import remedies_text

Kind = Letter.Kind

#: Letters that decide something the addressee may challenge, with the word the remedies sentence
#: uses for them ("如对本答复不服…"). Why these and no others:
#:
#: * 答复告知书: the decision on the application (第三十六条 to 第三十九条), including 不予处理 and the
#:   notice that an application lapsed (视为放弃, 逾期未缴费): each ends the application.
#: * 收费通知书: it sets an amount to pay (第四十二条, 国办函〔2020〕109号) and non-payment ends the
#:   application, so it bears on the applicant's rights on its own.
#: * 政府信息公开决定告知书（第三方）: the decision to disclose despite the third party's objection
#:   (第三十二条) bears on the third party's rights; it must reach them before disclosure so that they
#:   can seek review in time.
#:
#: Not decisions: 受理回执, 补正告知书 (第三十条: asks for additions; the answer decides), 延期答复告知书
#: and 延迟答复告知书 (set the time to answer), 征询函 (asks for an opinion), 要求说明理由告知书
#: (第三十五条: asks for reasons). They prepare the decision; the decision's letter states the remedies.
DECISION_KINDS: dict[str, str] = {
    Kind.ANSWER: "答复",
    Kind.FEE: "收费通知",
    Kind.THIRD_PARTY_DECISION: "决定",
}

DEFAULTS = {
    Kind.RECEIPT: (
        "政府信息公开申请受理回执",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）已收到。"
        "所需信息：{{ description }}。\n"
        "我机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，自收到申请之日起20个工作日内"
        "予以答复（答复期限：{{ due }}）。您可凭申请编号和查询码在政府信息公开专栏查询办理进度。",
    ),
    Kind.SUPPLEMENT: (
        "政府信息公开申请补正告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）内容不明确。"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，请于{{ until }}前补正以下内容：\n"
        "{{ what }}\n"
        "答复期限自我机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
        "我机关将不再处理该政府信息公开申请。",
    ),
    Kind.EXTENSION: (
        "政府信息公开申请延期答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}），因{{ reason }}，"
        "不能在规定期限内答复。经我机关政府信息公开工作机构负责人{{ approver }}同意，根据《中华人民共和国"
        "政府信息公开条例》第三十三条第二款的规定，答复期限延长{{ days }}个工作日，至{{ due }}。",
    ),
    Kind.CONSULTATION: (
        "政府信息公开第三方意见征询函",
        "{{ target }}：\n"
        "我机关收到政府信息公开申请（申请编号：{{ number }}），申请公开的信息可能涉及贵方合法权益："
        "{{ description }}。\n根据《中华人民共和国政府信息公开条例》第三十二条的规定，请贵方自收到本函之日起"
        "15个工作日内提出意见；逾期未提出意见的，由我机关依照条例的规定决定是否公开。"
        "贵方不同意公开且有合理理由的，我机关不予公开；但我机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    ),
    Kind.FEE: (
        "政府信息公开信息处理费收费通知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}），申请公开政府信息的"
        "数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开"
        "信息处理费管理办法》（国办函〔2020〕109号）的规定，需收取信息处理费，现通知如下：\n"
        "一、收费金额：{{ amount }}元。\n"
        "二、收费依据：{{ fee_method }}，《政府信息公开信息处理费管理办法》第三条、{{ fee_article }}。\n"
        "三、收费标准：{{ fee_standard }}。\n"
        "四、计算过程：{{ explanation }}。\n"
        "五、缴费方式：{{ payment }}\n"
        "六、缴费期限：请自收到本通知之日起{{ payment_days }}个工作日内缴纳。自发出收费通知之日起至"
        "缴费之日止的期间，不计算在答复期限内；逾期未缴纳的，我机关将不再处理该政府信息公开申请。\n"
        "{{ remedies }}",
    ),
    Kind.ANSWER: (
        "政府信息公开申请答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）收悉。"
        "所需信息：{{ description }}。\n经审查，现答复如下：\n{{ answer }}\n{{ basis_text }}\n"
        "{{ remedies }}",
    ),
    Kind.REASONS: (
        "政府信息公开申请要求说明理由告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）收悉。"
        "所需信息：{{ description }}。\n"
        "{% if situation %}{{ situation }}。{% endif %}经审查，您申请公开政府信息的数量、频次明显超过"
        "合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，请您于{{ until }}前向我机关"
        "说明理由。\n我机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在该条例"
        "第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。",
    ),
    Kind.LATER_DEADLINE: (
        "政府信息公开申请延迟答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}），申请公开政府信息的"
        "数量、频次明显超过合理范围。经审查，您说明的申请理由合理，但是我机关无法在《中华人民共和国"
        "政府信息公开条例》第三十三条规定的期限内答复。理由：{{ reason }}。\n"
        "根据该条例第三十五条的规定，我机关确定延迟答复的期限至{{ until }}，并将在该期限内作出答复。",
    ),
    Kind.THIRD_PARTY_DECISION: (
        "政府信息公开决定告知书",
        "{{ target }}：\n"
        "我机关收到政府信息公开申请（申请编号：{{ number }}），申请公开的信息涉及贵方合法权益，"
        "经书面征求意见，贵方不同意公开。我机关经审查认为，不公开可能对公共利益造成重大影响，根据"
        "《中华人民共和国政府信息公开条例》第三十二条的规定，决定予以公开。现将决定公开的政府信息内容"
        "和理由书面告知如下：\n"
        "一、决定公开的政府信息内容：{{ content }}\n"
        "二、决定公开的理由：{{ reasons }}\n"
        "{% if disclose_on %}我机关将于{{ disclose_on }}起向申请人公开上述政府信息。\n{% endif %}"
        "{{ remedies }}",
    ),
}


def template_for(application, kind: str) -> tuple[str, str]:
    """The agency's own template, else the platform's, else the built-in default."""
    candidates = LetterTemplate.objects.filter(kind=kind)
    if kind == Kind.ANSWER and application.result:
        with_result = candidates.filter(result=application.result)
        candidates = with_result if with_result.exists() else candidates.filter(result="")
    for agency in (application.agency, None):
        found = candidates.filter(agency=agency).first()
        if found:
            return found.title, found.body
    return DEFAULTS[kind]


def cn_date(day) -> str:
    """2026年11月2日 (official documents write no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _text(value) -> str:
    """A context value as the letter prints it (and as it is stored for regenerating)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, (list, tuple)):
        return "；".join(str(item) for item in value)
    return str(value)


def _fee_context(application, extra: dict) -> dict:
    fee = Fee.objects.filter(application=application).first()
    method = extra.get("method") or (fee.method if fee else "")
    if not method:
        return {}
    return {
        "amount": extra.get("amount", fee.amount if fee else ""),
        "explanation": extra.get("explanation", fee.explanation if fee else ""),
        "fee_method": fees.FeeMethod(method).label,
        "fee_article": fees.method_article(method),
        "fee_standard": fees.standard_text(method),
    }


def _due(application, kind: str) -> str:
    """The answer's due date as the letter states it (clock.due_words): never a date guessed for
    a year whose 节假日安排 nobody has entered."""
    if application.due_date:
        return cn_date(application.due_date)
    from .services import deadline_of

    deadline = deadline_of(application)
    if deadline is not None and deadline.due is not None:
        return cn_date(deadline.due)
    return clock.due_words(deadline, kind=kind)


def context_for(application, kind: str, *, on: date, settings: LetterSettings, **extra) -> dict:
    """Everything a template may use, as text: the application, the step's facts (``extra``),
    the agency's settings, the answer's basis and, for a decision, the remedies."""
    from django.conf import settings as django_settings

    review = settings.review()
    context = {
        "applicant": application.name,
        "number": application.number,
        "received": cn_date(application.received_date)
        if application.received_date
        else "（待确认）",
        "description": application.description,
        "agency": application.agency.name,
        "due": _due(application, kind),
        "answer": application.answer_text,
        "result": Result(application.result).label if application.result else "",
        "basis": "",
        "basis_text": "",
        "review_body": review.name,
        "remedies": "",
        "payment": settings.payment,
        "payment_days": django_settings.GONGKAI_FEE_PAYMENT_DAYS,
        "office_address": settings.address,
        "office_phone": settings.phone,
        "date": cn_date(on),
        "today": cn_date(on),
        "approver": "",
    }
    if kind == Kind.ANSWER and application.result:
        answer = basis.answer_basis(
            application.result, application.basis_option, application.basis_facts, strict=False
        )
        context["basis"], context["basis_text"] = answer.cited, answer.text
    if kind == Kind.FEE:
        context.update(_fee_context(application, extra))
    if kind in DECISION_KINDS:
        context["remedies"] = remedies_text(review.name, noun=DECISION_KINDS[kind])
    context.update(extra)
    return {key: _text(value) for key, value in context.items()}


def render_text(body: str, context: dict) -> str:
    return Template(body).render(Context(context, autoescape=False))


def number_scope(agency, prefix: str) -> str:
    """The serial counter of an agency's letters with one 文号 prefix."""
    return f"letter:{agency.pk}:{prefix}"


def letter_number(agency, kind: str, on: date, settings: LetterSettings) -> str:
    """The next 文号 of ``kind`` in the year of ``on``: 示县交依复〔2026〕12号 (GB/T 9704-2012:
    六角括号, the full year, no 第, no leading zeros)."""
    prefix = settings.prefix_for(kind)
    return f"{prefix}〔{on.year}〕{serial_next(number_scope(agency, prefix), on.year)}号"


#: Letters addressed to a third party: the applicant never downloads them.
TO_THIRD_PARTY = frozenset({Kind.CONSULTATION, Kind.THIRD_PARTY_DECISION})


@transaction.atomic
def letter_create(
    *, application, kind: str, on: date, for_applicant: bool | None = None, **extra
) -> Letter:
    """The letter of ``kind`` for the step taken ``on`` (its date, printed and stored), numbered
    now. ``extra`` are the step's facts the template uses (``what``, ``until``, ``reason``, …).
    ``for_applicant`` defaults to whether the applicant is its addressee."""
    if for_applicant is None:
        for_applicant = kind not in TO_THIRD_PARTY
    settings = LetterSettings.for_agency(application.agency)
    title, template = template_for(application, kind)
    context = context_for(application, kind, on=on, settings=settings, **extra)
    now = timezone.now()
    letter = Letter(
        application=application,
        kind=kind,
        title=title,
        created_at=now,
        rendered_at=now,
        date=on,
        number=letter_number(application.agency, kind, on, settings),
        context=context,
        for_applicant=for_applicant,
    )
    _render(letter, _compose(kind, template, context), settings)
    letter.save()
    return letter


@transaction.atomic
def letter_regenerate(letter: Letter) -> Letter:
    """Render ``letter`` again with today's template and seal, from its stored date, 文号 and
    facts (none of which changes). A letter made before letters kept their facts keeps its words
    and gets only the new form. The files it replaces are removed once this commits."""
    letter = (
        Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)
    )
    application = letter.application
    settings = LetterSettings.for_agency(application.agency)
    title, template = template_for(application, letter.kind)
    context = {
        **context_for(application, letter.kind, on=letter.date, settings=settings),
        **letter.context,
    }
    old = [f.name for f in (letter.docx, letter.pdf) if f]
    if letter.context:
        letter.title = title
        text = _compose(letter.kind, template, context)
    else:  # made before letters kept their facts: keep its words, renew only its form
        text = letter.body
    _render(letter, text, settings)
    letter.rendered_at = timezone.now()
    letter.save()
    storage = letter.docx.storage
    for name in old:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return letter


def _compose(kind: str, template: str, context: dict) -> str:
    text = render_text(template, context)
    remedies = context.get("remedies", "")
    if kind in DECISION_KINDS and remedies and remedies not in text:
        text = f"{text.rstrip()}\n{remedies}"  # an agency's own template cannot drop them
    return text


def _render(letter: Letter, text: str, settings: LetterSettings) -> None:
    """The letter's text into its body, DOCX and PDF, with the agency's contact and seal."""
    letter.body = text
    seal = _seal_bytes(settings)
    contact = _contact(settings)
    stem = f"{letter.application.number}-{letter.kind}"
    letter.docx.save(
        f"{stem}.docx", ContentFile(docx_bytes(letter, contact=contact, seal=seal)), save=False
    )
    pdf = pdf_bytes(letter, contact=contact, seal=seal)
    if pdf:
        letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    else:
        letter.pdf = None


def _seal_bytes(settings: LetterSettings) -> bytes | None:
    if not settings.seal:
        return None
    with settings.seal.open("rb") as handle:
        return handle.read()


def _contact(settings: LetterSettings) -> str:
    parts = []
    if settings.address:
        parts.append(f"联系地址：{settings.address}")
    if settings.phone:
        parts.append(f"联系电话：{settings.phone}")
    return "　".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


#: The seal's size (a 42 mm round official seal) and where it sits: centred over the agency's
#: name and the date, pressing down on them (GB/T 9704-2012 §7.3.5.1 "居中下压").
SEAL_MM = 42


def docx_bytes(letter: Letter, *, contact: str = "", seal: bytes | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def styled(paragraph, size, font, bold=False):
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = font
            run.element.rPr.rFonts.set(qn("w:eastAsia"), font)

    heading = document.add_paragraph(letter.title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(heading, 22, "方正小标宋简体")
    if letter.number:
        number = document.add_paragraph(letter.number)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styled(number, 16, "仿宋_GB2312")
    lines = _paragraphs(letter.body)
    if contact:
        lines.append(contact)
    for index, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if index:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        styled(paragraph, 16, "仿宋_GB2312")
    for _ in range(2):  # the place for the seal
        document.add_paragraph()
    # GB/T 9704-2012 §7.3.5.1: the date four characters from the right, the agency's name
    # centred above it, the seal centred over both.
    name, day = letter.application.agency.name, cn_date(letter.date)
    day_indent = 4 * 16
    name_indent = max(0, day_indent + (_width(day) - _width(name)) / 2)
    signature = []
    for line, indent in ((name, name_indent), (day, day_indent)):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(indent)
        styled(paragraph, 16, "仿宋_GB2312")
        signature.append(paragraph)
    if seal:
        _float_seal(signature[0], seal, right=Pt(day_indent + _width(day) / 2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _width(text: str) -> float:
    """The width in points of a line at 16 pt: Chinese characters full, digits half."""
    return sum(16 if ord(char) > 0xFF else 8 for char in text)


def _float_seal(paragraph, png: bytes, *, right) -> None:
    """Put the seal in front of the text, its centre ``right`` from the text's right edge and a
    little above the name, so that the name and date sit low in it: python-docx only inserts
    inline pictures, so the inline drawing is turned into a floating (anchored) one."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm

    size = Cm(SEAL_MM / 10)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png), width=size, height=size)
    inline = run._r.find(f".//{qn('wp:inline')}")
    text_width = Cm(21.0 - 2.8 - 2.6)
    left = int(text_width - right - size / 2)
    top = int(-Cm(1.4))
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{size}" cy="{size}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        "</wp:anchor>"
    )
    for child in inline:
        if child.tag in (qn("wp:docPr"), qn("wp:cNvGraphicFramePr"), qn("a:graphic")):
            anchor.append(child)
    inline.getparent().replace(inline, anchor)


PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; }
h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 6pt; }
.number { text-align: center; margin-bottom: 18pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.first { text-indent: 0; }
.sign { text-align: right; margin-top: 56pt; padding-right: 4em; page-break-inside: avoid; }
.sign .block { display: inline-block; position: relative; text-align: center; }
.sign p { text-align: center; text-indent: 0; }
.seal { position: absolute; width: 42mm; height: 42mm; left: 50%; margin-left: -21mm;
        top: -12mm; }
"""


def pdf_bytes(letter: Letter, *, contact: str = "", seal: bytes | None = None) -> bytes | None:
    try:
        from weasyprint import HTML
    except OSError:  # Pango missing: the DOCX still serves
        return None
    lines = _paragraphs(letter.body)
    if contact:
        lines.append(contact)
    body = "".join(
        f'<p class="{"first" if i == 0 else ""}">{html.escape(line)}</p>'
        for i, line in enumerate(lines)
    )
    number = f"<div class='number'>{html.escape(letter.number)}</div>" if letter.number else ""
    stamp = (
        f"<img class='seal' alt='' src='data:image/png;base64,{base64.b64encode(seal).decode()}'>"
        if seal
        else ""
    )
    markup = (
        f"<html><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>"
        f"<h1>{html.escape(letter.title)}</h1>{number}{body}"
        f"<div class='sign'><div class='block'><p>{html.escape(letter.application.agency.name)}</p>"
        f"<p>{cn_date(letter.date)}</p>{stamp}</div></div></body></html>"
    )
    return write_pdf(HTML(string=markup))
