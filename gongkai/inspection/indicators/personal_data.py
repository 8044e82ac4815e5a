"""公开内容含个人信息: 身份证号, 手机号码, 银行卡号 and 名单 in what the public sees of the agency's
published items (title, public body, attachments not kept internal), through the one gate,
``published()``. Bodies are read in batches straight from SQL; attachment scans are kept by file
content (scans.py), so a rerun opens only new files."""

from __future__ import annotations

from django.urls import reverse

from gongkai.publishing.choices import Disclosure
from gongkai.publishing.models import Attachment, InformationItem

from ..base import Context, Found, Kind, indicator
from ..detect import DEIDENTIFY, Hit, by_place, summary
from ..extract import READABLE
from ..scans import (
    FileScan,
    Outcome,
    attachment_place,
    cached_scans,
    reason_text,
    scan_file,
    text_hits,
)

#: Defaults of the thresholds this indicator reads (configurable with the others through
#: GONGKAI_INSPECTION_THRESHOLDS).
DEFAULTS = {"personal_data_points": 2}
BATCH = 500
SHOWN = 8  # places written out in a finding's detail

FIX = (
    f"{DEIDENTIFY}已发布的信息：正文由公开办“更正”；附件含个人信息的，先“撤回”该信息，"
    "再以去标识化后的附件重新拟稿发布。"
)


def _item_urls(agency_code: str, pk: int) -> tuple[str, str]:
    return (
        reverse("portal:item", args=[agency_code, pk]),
        reverse("publishing:item_detail", args=[pk]),
    )


def _attachment_results(items, today) -> dict[int, list[tuple[int, str, FileScan]]]:
    """Public attachments of ``items`` that hold personal data or cannot be read, by item id."""
    rows = (
        Attachment.objects.filter(item__in=items, internal_only=False, file_type__in=READABLE)
        .order_by("item_id", "id")
        .values_list("id", "item_id", "original_name", "file", "file_type", "size", "sha256")
    )
    storage = Attachment._meta.get_field("file").storage
    results: dict[int, list] = {}

    def settle(batch):
        kept = cached_scans((sha, size) for *_, size, sha in batch)
        for pk, item_id, name, path, file_type, size, sha in batch:
            scan = kept.get((sha, size))
            if scan is None:
                scan = scan_file(
                    sha256=sha,
                    size=size,
                    file_type=file_type,
                    read=lambda path=path: _read(storage, path),
                    today=today,
                )
            if scan.hits or scan.outcome == Outcome.UNREADABLE:
                results.setdefault(item_id, []).append((pk, name, scan))

    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            settle(batch)
            batch = []
    settle(batch)
    return results


def _read(storage, path: str) -> bytes:
    with storage.open(path, "rb") as handle:
        return handle.read()


def describe(hits: list[Hit]) -> str:
    places = by_place(hits)
    more = f"；另有{len(places) - SHOWN}处位置" if len(places) > SHOWN else ""
    return f"公开内容含个人信息（{summary(hits)}）：{'；'.join(places[:SHOWN])}{more}。"


@indicator(
    "personal_data",
    "公开内容含个人信息",
    Kind.DEDUCT,
    basis=(
        "《中华人民共和国政府信息公开条例》第十五条（涉及个人隐私的不得公开，第三方同意或公共利益"
        "需要的除外）；《中华人民共和国个人信息保护法》第二十八条（敏感个人信息）；政府网站检查"
    ),
    points="personal_data_points",
    cap="indicator_cap",
)
def personal_data(ctx: Context):
    """Each public item whose title, public body or public attachments show personal data (one
    finding per item); each public attachment that cannot be opened ("附件无法读取", listed for
    a person to check, ``count`` 0: not scored here)."""
    items = InformationItem.objects.published().filter(agency=ctx.agency)
    files = _attachment_results(items, ctx.today)
    code = ctx.agency.code
    rows = items.order_by("pk").values_list("pk", "title", "body", "redacted_body", "disclosure")
    for pk, title, body, redacted, disclosure in rows.iterator(chunk_size=BATCH):
        # What the public reads: InformationItem.public_body.
        public_body = redacted if disclosure == Disclosure.REDACTED else body
        hits = text_hits(title, public_body, today=ctx.today)
        for attachment_id, name, scan in files.pop(pk, ()):
            hits.extend(hit.located(attachment_place(name)) for hit in scan.hits)
            if scan.outcome == Outcome.UNREADABLE:
                yield Found(
                    key=f"attachment:{attachment_id}",
                    object=f"{title[:100]} · {attachment_place(name[:100])}",
                    detail=f"附件无法读取（{reason_text(scan)}），无法检查其中是否含个人信息。",
                    fix="核对附件能否正常打开；损坏的，撤回该信息后以完好的文件重新发布。",
                    url=reverse("portal:attachment", args=[attachment_id]),
                    fix_url=reverse("publishing:item_detail", args=[pk]),
                    count=0,
                )
        if hits:
            url, fix_url = _item_urls(code, pk)
            yield Found(
                key=f"item:{pk}",
                object=title[:300],
                detail=describe(hits),
                fix=FIX,
                url=url,
                fix_url=fix_url,
            )
