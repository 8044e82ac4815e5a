"""Letters to applicants, rendered from editable templates into DOCX (python-docx) and PDF
(WeasyPrint), each with the agency, date, applicant, request, legal basis and the rights to
行政复议 / 行政诉讼 (第五十一条)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.template import Context, Template
from django.utils import timezone

from gongkai.core.pdf import write_pdf

from .choices import RESULT_BASIS, Result
from .models import Letter, LetterTemplate

RIGHTS = (
    "如对本答复不服，可以自收到本答复之日起六十日内向{{ review_body }}申请行政复议，"
    "或者自收到本答复之日起六个月内向人民法院提起行政诉讼（《中华人民共和国政府信息公开条例》"
    "第五十一条）。"
)

DEFAULTS = {
    Letter.Kind.RECEIPT: (
        "政府信息公开申请受理回执",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）已收到。"
        "所需信息：{{ description }}。\n"
        "我机关将依照《中华人民共和国政府信息公开条例》第三十三条的规定，自收到申请之日起20个工作日内"
        "予以答复（答复期限：{{ due }}）。您可凭申请编号和查询码在政府信息公开专栏查询办理进度。",
    ),
    Letter.Kind.SUPPLEMENT: (
        "政府信息公开申请补正告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）内容不明确。"
        "根据《中华人民共和国政府信息公开条例》第三十条的规定，请于{{ until }}前补正以下内容：\n"
        "{{ what }}\n"
        "答复期限自我机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
        "我机关将不再处理该政府信息公开申请。",
    ),
    Letter.Kind.EXTENSION: (
        "政府信息公开申请延期答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}），因{{ reason }}，"
        "不能在规定期限内答复。经政府信息公开工作机构负责人{{ approver }}同意，根据《中华人民共和国政府信息公开条例》"
        "第三十三条第二款的规定，答复期限延长{{ days }}个工作日，至{{ due }}。",
    ),
    Letter.Kind.CONSULTATION: (
        "政府信息公开第三方意见征询函",
        "{{ target }}：\n"
        "我机关收到政府信息公开申请（申请编号：{{ number }}），申请公开的信息可能涉及贵方合法权益："
        "{{ description }}。\n根据《中华人民共和国政府信息公开条例》第三十二条的规定，请贵方自收到本函之日起"
        "15个工作日内提出意见；逾期未提出意见的，由我机关依照条例的规定决定是否公开。"
        "贵方不同意公开且有合理理由的，我机关不予公开；但不公开可能对公共利益造成重大影响的，予以公开，"
        "并将决定公开的内容和理由书面告知贵方。",
    ),
    Letter.Kind.FEE: (
        "政府信息公开信息处理费收费通知书",
        "{{ applicant }}：\n"
        "您（单位）提出的政府信息公开申请（申请编号：{{ number }}）需收取信息处理费{{ amount }}元。"
        "计算依据：{{ explanation }}。\n根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "请自收到本通知之日起{{ payment_days }}个工作日内缴纳。自发出收费通知之日起至缴费之日止的期间，"
        "不计算在答复期限内；逾期未缴纳的，我机关将不再处理该政府信息公开申请。",
    ),
    Letter.Kind.REASONS: (
        "要求说明理由告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）收悉。经审查，{{ what }}，"
        "申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
        "请于{{ until }}前向我机关说明理由。我机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，"
        "但是无法在条例第三十三条规定的期限内答复的，将确定延迟答复的合理期限并告知您。",
    ),
    Letter.Kind.LATER_DEADLINE: (
        "延迟答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）及说明的理由收悉。"
        "我机关认为申请理由合理，但因{{ reason }}，无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内"
        "答复。根据条例第三十五条的规定，确定延迟答复期限至{{ until }}。",
    ),
    Letter.Kind.DISCLOSURE_DECISION: (
        "政府信息公开决定告知书",
        "{{ target }}：\n"
        "我机关就政府信息公开申请（申请编号：{{ number }}）书面征求了贵方意见，贵方不同意公开。经审查，"
        "我机关认为不公开可能对公共利益造成重大影响，根据《中华人民共和国政府信息公开条例》第三十二条的规定，"
        "决定予以公开。决定公开的政府信息内容：{{ description }}。理由：{{ reasons }}。",
    ),
    Letter.Kind.ANSWER: (
        "政府信息公开申请答复告知书",
        "{{ applicant }}：\n"
        "您（单位）于{{ received }}提出的政府信息公开申请（申请编号：{{ number }}）收悉。"
        "所需信息：{{ description }}。\n经审查，现答复如下：\n{{ answer }}\n"
        "办理结果：{{ result }}。依据：{{ basis }}。\n" + RIGHTS,
    ),
}


def template_for(application, kind: str) -> tuple[str, str]:
    """The agency's own template, else the platform's, else the built-in default."""
    candidates = LetterTemplate.objects.filter(kind=kind)
    if kind == Letter.Kind.ANSWER and application.result:
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


def context_for(application, **extra) -> dict:
    agency = application.agency
    parent = agency.parent
    return {
        "applicant": application.name,
        "number": application.number,
        "received": cn_date(application.received_date)
        if application.received_date
        else "（待确认）",
        "description": application.description,
        "agency": agency.name,
        "due": cn_date(application.due_date) if application.due_date else "（暂停计时）",
        "answer": application.answer_text,
        "result": Result(application.result).label if application.result else "",
        "basis": RESULT_BASIS.get(application.result, "《中华人民共和国政府信息公开条例》"),
        "review_body": f"{parent.name}" if parent else "上一级行政机关",
        "approver": "",
        "payment_days": 20,
        "today": cn_date(timezone.localdate()),
        **extra,
    }


def render_text(body: str, context: dict) -> str:
    return Template(body).render(Context(context, autoescape=False))


def letter_create(
    *, application, kind: str, for_applicant: bool = True, on=None, **extra
) -> Letter:
    """The letter of ``kind``, dated ``on`` (the day of the step; today by default)."""
    title, body = template_for(application, kind)
    if isinstance(extra.get("explanation"), (list, tuple)):
        extra["explanation"] = "；".join(extra["explanation"])
    for key in ("until",):  # dates in letters are written 2026年11月2日
        if key in extra and hasattr(extra[key], "strftime"):
            extra[key] = cn_date(extra[key])
    context = context_for(application, **extra)
    if on is not None:
        context["today"] = cn_date(on)
    text = render_text(body, context)
    letter = Letter(
        application=application, kind=kind, title=title, body=text, for_applicant=for_applicant
    )
    stem = f"{application.number}-{kind}"
    letter.docx.save(f"{stem}.docx", ContentFile(docx_bytes(title, text, application)), save=False)
    pdf = pdf_bytes(title, text, application)
    if pdf:
        letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    letter.save()
    return letter


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def docx_bytes(title: str, text: str, application, signed=None) -> bytes:
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

    heading = document.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(heading, 22, "方正小标宋简体")
    number = document.add_paragraph(f"申请编号：{application.number}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled(number, 14, "仿宋_GB2312")
    for index, line in enumerate(_paragraphs(text)):
        paragraph = document.add_paragraph(line)
        if index:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        styled(paragraph, 16, "仿宋_GB2312")
    for line in (application.agency.name, cn_date(signed or timezone.localdate())):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        styled(paragraph, 16, "仿宋_GB2312")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; }
h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 6pt; }
.number { text-align: center; font-size: 14pt; margin-bottom: 18pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.first { text-indent: 0; }
.sign { text-align: right; text-indent: 0; margin-top: 24pt; }
"""


def pdf_bytes(title: str, text: str, application, signed=None) -> bytes | None:
    import html

    try:
        from weasyprint import HTML
    except OSError:  # Pango missing: the DOCX still serves
        return None
    lines = _paragraphs(text)
    body = "".join(
        f'<p class="{"first" if i == 0 else ""}">{html.escape(line)}</p>'
        for i, line in enumerate(lines)
    )
    markup = (
        f"<html><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><div class='number'>申请编号：{application.number}</div>"
        f"{body}<p class='sign'>{html.escape(application.agency.name)}<br>"
        f"{cn_date(signed or timezone.localdate())}</p></body></html>"
    )
    return write_pdf(HTML(string=markup))
