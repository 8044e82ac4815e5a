"""The public portal (政府信息公开专栏): readable without JavaScript, cached, and gated."""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from gongkai.core.params import MAX_ID, int_param
from gongkai.publishing.choices import ColumnKind, Topic
from gongkai.search.query import PAGE_MAX, YEAR_MAX, YEAR_MIN, Filters, search

from . import selectors
from .caching import agency_scope, platform_scope, public_page

logger = logging.getLogger(__name__)


def _agency_or_404(code):
    agency = selectors.public_agency(code)
    if agency is None:
        raise Http404
    return agency


def _public_item_or_404(code, pk):
    agency = _agency_or_404(code)
    found = selectors.public_item(agency, pk)
    if found is None:
        raise Http404
    return agency, found


@require_GET
@public_page(platform_scope)
def home(request):
    agencies = list(selectors.public_agencies())
    governments = [a for a in agencies if a.kind == "government" and a.level != "township"]
    departments = [a for a in agencies if a.kind in ("department", "subordinate")]
    townships = [a for a in agencies if a.level == "township"]
    return render(
        request,
        "portal/home.html",
        {
            "governments": governments,
            "departments": departments,
            "townships": townships,
            "latest": selectors.public_items().order_by("-published_at", "-id")[:12],
        },
    )


@require_GET
@public_page(agency_scope)
def agency_home(request, code):
    agency = _agency_or_404(code)
    fixed = []
    for kind, label in selectors.FIXED_ENTRIES:
        if kind == "apply":
            fixed.append((label, reverse("apply:form", args=[agency.code])))
        elif kind == "interaction":
            fixed.append((label, reverse("interaction_public:agency", args=[agency.code])))
        elif kind is None:
            fixed.append((label, reverse("portal:agency", args=[agency.code]) + "#catalogue"))
        else:
            column = selectors.special_column(agency, kind)
            if column is not None:
                fixed.append((label, reverse("portal:column", args=[agency.code, column.pk])))
    return render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "tree": selectors.catalogue_tree(agency),
            "fixed": fixed,
            "latest": selectors.public_items()
            .filter(agency=agency)
            .order_by("-published_at", "-id")[:10],
        },
    )


@require_GET
@public_page(agency_scope)
def column(request, code, pk):
    agency = _agency_or_404(code)
    entry = selectors.public_column(agency, pk)
    if entry is None:
        raise Http404
    page = Paginator(selectors.column_items(entry), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/column.html",
        {
            "agency": agency,
            "column": entry,
            "page": page,
            "children": entry.children.filter(is_active=True),
            "tree": selectors.catalogue_tree(agency),
        },
    )


@require_GET
@public_page(agency_scope)
def item(request, code, pk):
    agency, found = _public_item_or_404(code, pk)
    attachments = list(selectors.public_attachments(found))
    for each in attachments:
        each.download_url = reverse(
            "portal:attachment", args=[each.pk, download_name(each.original_name)]
        )
    return render(
        request,
        "portal/item.html",
        {
            "agency": agency,
            "item": found,
            "attachments": attachments,
            "interpretations": selectors.public_interpretations(found),
            "policy": selectors.public_policy_of(found),
        },
    )


@require_GET
@public_page(agency_scope)
def item_qr(request, code, pk):
    """The item page's QR code as an image of its own: drawing it costs as much as the rest of
    the page, and browsers and the page cache keep it apart from the page."""
    agency, found = _public_item_or_404(code, pk)
    url = request.build_absolute_uri(reverse("portal:item", args=[agency.code, found.pk]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> bytes:
    """A page's QR code as an SVG document (the same URL always draws the same code)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, dark="#1f2328", title="本页二维码")
    return out.getvalue()


def download_name(original_name: str) -> str:
    """The file's name as the last part of its address (the static site stores it under that
    name, so that a plain web server's download keeps it): no slashes, controls or leading dots,
    at most 120 bytes in UTF-8 (40 Chinese characters: a file name on any file system, and an
    address that fits the static site's record once percent-encoded), keeping the extension."""
    cleaned = "".join(
        "_" if (c in '/\\?#%"' or ord(c) < 32 or ord(c) == 127) else c for c in original_name
    ).strip(" .")
    stem, dot, ext = cleaned.rpartition(".")
    if not dot or len(ext) > 10:
        stem, dot, ext = cleaned, "", ""
    while stem and len((stem + dot + ext).encode()) > 120:
        stem = stem[:-1]
    return (stem + dot + ext).strip(" .")[:120] or "file"


@require_GET
def attachment(request, pk, name=None):
    """Downloads only through the gate: a public item's public file, or 404. The address with
    the file's name (``/files/<pk>/<name>``) is the one pages link; the one without still works."""
    found = selectors.public_attachment(pk)
    if found is None:
        raise Http404
    if name is not None and name != download_name(found.original_name):
        return HttpResponseRedirect(
            reverse("portal:attachment", args=[found.pk, download_name(found.original_name)])
        )
    try:
        opened = found.file.open("rb")
    except FileNotFoundError:
        # Lost from storage (`gongkai files check` lists such rows; the link check reports the
        # link broken): nothing to send.
        logger.warning("attachment %s: file %s is missing", found.pk, found.file.name)
        raise Http404 from None
    response = FileResponse(opened, as_attachment=True, filename=found.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@public_page(platform_scope)
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    agency = (
        selectors.public_agency(request.GET.get("agency", ""))
        if request.GET.get("agency")
        else None
    )
    filters = Filters(
        agency_id=agency.pk if agency else None,
        root_entry_id=int_param(request.GET, "column", label="栏目", low=1, high=MAX_ID),
        year=int_param(request.GET, "year", label="年份", low=YEAR_MIN, high=YEAR_MAX),
        topic=request.GET.get("topic") if request.GET.get("topic") in Topic.values else None,
    )
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    page = int_param(request.GET, "page", label="页码", low=1, high=PAGE_MAX, default=1)
    results = search(query, filters, sort=sort, page=page) if query else None
    params = request.GET.copy()
    if results is not None and results.total and page > results.pages:
        # A page past the last one (an old link, a hand-edited URL): the last page, not "找到
        # 285 条结果" over an empty list.
        params["page"] = str(results.pages)
        return HttpResponseRedirect(f"?{params.urlencode()}")
    params.pop("page", None)
    columns = [(c.pk, c.name) for c, _ in selectors.catalogue_tree(agency)] if agency else []
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "results": results,
            "hits": result_list(results) if results else "",
            "agency_options": agency_options(
                agency.code if agency else "", getattr(request, "public_scope", None)
            ),
            "agency": agency,
            "filters": filters,
            "sort": sort,
            "topic_options": select_options(Topic.choices, filters.topic, "全部主题"),
            "column_options": (
                select_options(columns, filters.root_entry_id, "全部栏目") if columns else ""
            ),
            "params": params.urlencode(),
            "year_options": select_options(
                [(y, f"{y}年") for y in range(_current_year(), _current_year() - 8, -1)],
                filters.year,
                "全部年度",
            ),
        },
    )


def result_list(results) -> str:
    """The hits as the results list's <li> elements, built here in one pass: through the
    template engine (a dozen variables and conditions a hit) they cost the page as much as the
    rest of its rendering, and through format_html almost as much. Every value is escaped here
    but the title and snippet, which highlight() escaped."""
    from html import escape

    from django.utils.safestring import mark_safe

    prefix = get_script_prefix()
    out = []
    for hit in results.hits:
        item = hit.item
        url = escape(f"{_items_url(prefix, item.agency.code)}{item.pk}/")
        number = f" · {escape(item.doc_number)}" if item.doc_number else ""
        date = timezone.localtime(item.published_at).date().isoformat()
        opening = '<li class="exact">' if hit.exact else "<li>"
        exact = " · <strong>文号/索引号精确匹配</strong>" if hit.exact else ""
        out.append(
            f"{opening}\n"
            f'    <h2><a href="{url}">{hit.title_html}</a></h2>\n'
            f"    <p>{hit.snippet_html}</p>\n"
            f'    <p class="meta">{escape(item.agency.name)} · {escape(item.entry.name)}'
            f"{number} · {date}{exact}</p>\n  </li>"
        )
    return mark_safe("\n  ".join(out))  # noqa: S308 (escaped above; highlight() escapes)


@functools.lru_cache(maxsize=4096)
def _items_url(script_prefix: str, code: str) -> str:
    """An agency's item URL without the item's id (reverse() costs 10 µs, and the results page
    shows 20 items of as many agencies); kept per script prefix and agency code."""
    return reverse("portal:item", args=[code, 0]).removesuffix("0/")


def select_options(choices, selected, blank: str) -> str:
    """A <select>'s options as HTML, ``selected`` marked: built here rather than by a template
    loop with an {% if %} per option, which cost the results page more than its hits; and kept
    (by the options' own values and labels, so a renamed column is built afresh)."""
    return _select_options(tuple(choices), selected, blank)


@functools.lru_cache(maxsize=512)
def _select_options(choices: tuple, selected, blank: str) -> str:
    from django.utils.html import format_html, format_html_join

    return format_html('<option value="">{}</option>', blank) + format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )


def agency_options(selected: str, scope: tuple | None = None) -> str:
    """The search form's 机关 choices as <option> elements. 200 agencies through the template
    engine cost more than the search itself, so the options are rendered once and kept in the
    shared cache under the platform's public generation (a new or renamed agency moves it).
    ``scope``: the page's (agency id, generation) as public_page read them, when the page is
    the platform's (agency 0): not read twice."""
    from django.core.cache import cache
    from django.utils.html import escape, format_html_join
    from django.utils.safestring import mark_safe

    from .caching import generation

    number = scope[1] if scope and scope[0] == 0 else generation(0)[0]
    key = f"portal:agency-options:{number}"
    options = cache.get(key)
    if options is None:
        options = '<option value="">全部机关</option>' + format_html_join(
            "",
            '<option value="{}">{}</option>',
            selectors.public_agencies().values_list("code", "name"),
        )
        cache.set(key, str(options), 24 * 3600)
    if selected:
        chosen = f'<option value="{escape(selected)}">'
        options = options.replace(chosen, chosen[:-1] + " selected>", 1)
    return mark_safe(options)  # noqa: S308 (escaped by format_html_join above)


def _current_year() -> int:
    return timezone.localdate().year


@require_GET
def mode(request):
    """适老化: large type and high contrast, remembered in a cookie; works without JavaScript."""
    chosen = request.GET.get("mode", "")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if chosen == "elder":
        response.set_cookie(
            "gk_mode", "elder", max_age=365 * 86400, samesite="Lax", secure=settings.HTTPS
        )
    else:
        response.delete_cookie("gk_mode")
    return response


@require_GET
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /api/",
        "Disallow: /apply/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def column_kind_label(kind: str) -> str:
    return ColumnKind(kind).label
