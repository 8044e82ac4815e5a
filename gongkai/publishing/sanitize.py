"""Rich text that staff paste (often from Word) made safe for every page that shows it."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "sub",
    "sup",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_LOOKS_LIKE_HTML = re.compile(r"<\s*(p|br|div|table|strong|b|em|h\d|ul|ol|span)\b", re.I)


def clean_html(text: str) -> str:
    """Sanitise with nh3 (ammonia): scripts, styles, event handlers and foreign URLs go."""
    if not text:
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        text = plain_to_html(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def plain_to_html(text: str) -> str:
    """Paragraphs of plain text (one per line) as <p> elements."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def html_to_text(markup: str) -> str:
    """Visible text of sanitised HTML, for search, exports and the ledger."""
    text = re.sub(r"<(br|/p|/li|/tr|/h\d)\s*/?>", "\n", markup or "", flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()
