"""静态发布: the files are the dynamic pages byte for byte; each change rewrites what it touches,
and only that; what leaves the public leaves the site and the pushed copy."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from gongkai.publishing import services as publishing
from gongkai.staticsite import services
from gongkai.staticsite.models import SitePage
from gongkai.staticsite.paths import NotStatic, url_to_file
from tests.publishing.conftest import column, walk_chain
from tests.publishing.test_archive import PDF

pytestmark = pytest.mark.django_db

PUBLIC = Client(HTTP_HOST="127.0.0.1:8000")


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and ".gongkai" not in p.parts
    }


def dynamic(url: str) -> bytes:
    response = PUBLIC.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def upload(name="附件1：养护计划.pdf"):
    return publishing.Upload(name, PDF)


@pytest.fixture
def portal(publish, catalogue, chain_people, draft_data):
    first = publish("城乡公交线路调整公告", "自12月1日起，3路公交车调整走向。")
    drafter = chain_people["drafter"]
    second = publishing.item_create(
        agency=catalogue,
        by=drafter,
        data=draft_data(
            title="农村公路养护计划",
            body="今冬养护农村公路120公里。",
            doc_number="",
            entry=column(catalogue, "规划计划"),
        ),
    )
    publishing.attachment_add(item=second, by=drafter, upload=upload())
    publishing.attachment_add(
        item=second, by=drafter, upload=upload("原件（未删减）.pdf"), internal_only=True
    )
    second = walk_chain(publishing.item_submit(item=second, by=drafter), chain_people)
    draft = publishing.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(title="未公开的内部草稿", body="草稿正文"),
    )
    return {"first": first, "second": second, "draft": draft, "agency": catalogue}


def items_sitemap(pk: int) -> tuple[str, str]:
    """The items' sitemap page that lists ``pk`` (pages are ranges of ids, and ids run on across
    the suite's tests on PostgreSQL: a sequence is not rolled back), as (URL, file)."""
    from gongkai.portal.sitemaps import ItemSitemap

    page = ItemSitemap().paginator.page_of(pk)
    url = "/sitemap-items.xml" + (f"?p={page}" if page > 1 else "")
    return url, url_to_file(url)


def test_paths():
    assert url_to_file("/") == "index.html"
    assert url_to_file("/xxgk/SX120/column/5/") == "xxgk/SX120/column/5/index.html"
    assert url_to_file("/xxgk/SX120/column/5/?page=3") == "xxgk/SX120/column/5/index.page-3.html"
    assert url_to_file("/sitemap.xml?p=2") == "sitemap.xml.p-2"
    assert url_to_file("/files/7/%E9%99%84%E4%BB%B6.pdf") == "files/7/附件.pdf"
    for bad in ("/search/?q=1", "/x/?page=0", "/../etc/", "/a/.hidden", "/x/?page=1&q=2"):
        with pytest.raises(NotStatic):
            url_to_file(bad)


def test_build_writes_every_kind_of_page_as_the_application_answers_it(portal, site_dir):
    summary = services.build()
    agency, second = portal["agency"], portal["second"]
    attachment = second.attachments.get(internal_only=False)
    files = snapshot(site_dir)
    kinds = {
        "/": "index.html",
        "/robots.txt": "robots.txt",
        "/sitemap.xml": "sitemap.xml",
        "/sitemap-items.xml": "sitemap-items.xml",
        "/sitemap-columns.xml": "sitemap-columns.xml",
        f"/xxgk/{agency.code}/": f"xxgk/{agency.code}/index.html",
        f"/xxgk/{agency.code}/rss.xml": f"xxgk/{agency.code}/rss.xml",
        f"/xxgk/{agency.code}/column/{second.entry_id}/": (
            f"xxgk/{agency.code}/column/{second.entry_id}/index.html"
        ),
        f"/xxgk/{agency.code}/column/{second.entry_id}/rss.xml": (
            f"xxgk/{agency.code}/column/{second.entry_id}/rss.xml"
        ),
        f"/xxgk/{agency.code}/item/{second.pk}/": f"xxgk/{agency.code}/item/{second.pk}/index.html",
        f"/xxgk/{agency.code}/item/{second.pk}/qr.svg": (
            f"xxgk/{agency.code}/item/{second.pk}/qr.svg"
        ),
        f"/files/{attachment.pk}/附件1：养护计划.pdf": f"files/{attachment.pk}/附件1：养护计划.pdf",
    }
    for url, relative in kinds.items():
        assert relative in files, url
        assert (site_dir / relative).read_bytes() == dynamic(url), url
    # The page links the file under the name it is stored with.
    assert (
        f"/files/{attachment.pk}/".encode()
        in (site_dir / kinds[f"/xxgk/{agency.code}/item/{second.pk}/"]).read_bytes()
    )
    assert (
        (site_dir / kinds[f"/files/{attachment.pk}/附件1：养护计划.pdf"])
        .read_bytes()
        .startswith(b"%PDF")
    )
    # The gate: nothing else.
    assert not any(f"item/{portal['draft'].pk}/" in f for f in files)
    assert b"\xe6\x9c\xaa\xe5\x85\xac\xe5\xbc\x80\xe7\x9a\x84" not in b"".join(
        (site_dir / f).read_bytes() for f in files
    )  # 未公开的
    assert summary.written == len(SitePage.objects.all())
    assert services.check() == []
    # A second build writes nothing.
    again = services.build()
    assert again.written == 0 and again.removed == 0 and snapshot(site_dir) == files


def test_column_pages_are_written_with_their_page_numbers(publish, site_dir, catalogue):
    for n in range(21):
        publish(f"第{n}号公告", "正文")
    services.build()
    entry = column(catalogue, "其他文件")
    base = f"xxgk/{catalogue.code}/column/{entry.pk}/"
    assert (site_dir / base / "index.page-2.html").read_bytes() == dynamic(f"/{base}?page=2")
    assert (site_dir / base / "index.page-1.html").is_file()
    assert not (site_dir / base / "index.page-3.html").exists()


def test_publication_writes_the_new_item_and_changes_only_the_pages_it_touches(
    portal, site_dir, publish, django_capture_on_commit_callbacks, education
):
    services.build()
    before = snapshot(site_dir)
    with django_capture_on_commit_callbacks(execute=True):
        third = publish("第三季度财政预算执行情况", "全县一般公共预算收入……")
    after = snapshot(site_dir)
    agency = portal["agency"]
    changed = {f for f in after if before.get(f) != after[f]}
    assert f"xxgk/{agency.code}/item/{third.pk}/index.html" in changed
    assert f"xxgk/{agency.code}/item/{third.pk}/qr.svg" in changed
    _, sitemap_file = items_sitemap(third.pk)
    assert {"index.html", sitemap_file, f"xxgk/{agency.code}/index.html"} <= changed
    assert f"xxgk/{agency.code}/rss.xml" in changed
    # Other items' pages and files did not move; every changed page is as the application says.
    for item in (portal["first"], portal["second"]):
        assert f"xxgk/{agency.code}/item/{item.pk}/index.html" not in changed
    assert not any(f.startswith("files/") for f in changed)
    for relative in changed:
        page = SitePage.objects.get(file=relative)
        assert (site_dir / relative).read_bytes() == dynamic(page.url)
    assert services.check() == []


def test_closing_an_agency_takes_its_items_out_of_the_sitemap(
    portal, site_dir, django_capture_on_commit_callbacks
):
    services.build()
    agency, first = portal["agency"], portal["first"]
    address = f"/xxgk/{agency.code}/item/{first.pk}/"
    sitemap_url, sitemap_file = items_sitemap(first.pk)
    assert address in (site_dir / sitemap_file).read_text()
    with django_capture_on_commit_callbacks(execute=True):
        agency.is_active = False
        agency.save()
    if (site_dir / sitemap_file).exists():
        listed = (site_dir / sitemap_file).read_text()
        assert address not in listed
        assert listed.encode() == dynamic(sitemap_url)
    else:  # its page is now past the last one (no public id that high): gone, as it answers
        assert Client().get(sitemap_url).status_code == 404
    assert not any(address in f.read_text() for f in site_dir.glob("sitemap*"))


def test_withdrawal_removes_the_item_from_the_site_and_the_pushed_copy(
    portal, site_dir, chain_people, tmp_path, django_capture_on_commit_callbacks
):
    services.build()
    target = tmp_path / "dmz"
    services.push(target)
    second, agency = portal["second"], portal["agency"]
    attachment = second.attachments.get(internal_only=False)
    page = f"xxgk/{agency.code}/item/{second.pk}/index.html"
    stored = f"files/{attachment.pk}/附件1：养护计划.pdf"
    assert (target / page).is_file() and (target / stored).is_file()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_withdraw(item=second, by=chain_people["office"], reason="内容有误")
    for gone in (page, f"xxgk/{agency.code}/item/{second.pk}/qr.svg", stored):
        assert not (site_dir / gone).exists(), gone
    assert "农村公路养护计划".encode() not in (site_dir / "index.html").read_bytes()
    assert services.check() == []
    pushed = services.push(target)
    assert stored in pushed.deleted and page in pushed.deleted
    assert not (target / page).exists() and not (target / stored).exists()
    assert services.verify(target) == []


def test_correction_rewrites_the_page(
    portal, site_dir, chain_people, draft_data, django_capture_on_commit_callbacks
):
    services.build()
    first, agency = portal["first"], portal["agency"]
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_correct(
            item=first,
            by=chain_people["office"],
            data=draft_data(
                title="城乡公交线路调整公告（更正）", body="自12月5日起，3路公交车调整走向。"
            ),
            reason="日期有误",
        )
    text = (site_dir / f"xxgk/{agency.code}/item/{first.pk}/index.html").read_text()
    assert "自12月5日起" in text and "自12月1日起" not in text
    assert services.check() == []


def test_check_lists_every_difference(portal, site_dir):
    services.build()
    agency = portal["agency"]
    (site_dir / f"xxgk/{agency.code}/index.html").write_text("篡改")
    (site_dir / "robots.txt").unlink()
    (site_dir / "stray.html").write_text("?")
    kinds = {(d.kind, d.file) for d in services.check()}
    assert kinds == {
        ("different", f"xxgk/{agency.code}/index.html"),
        ("missing", "robots.txt"),
        ("unknown", "stray.html"),
    }
    with pytest.raises(CommandError, match="3 处不一致"):
        call_command("site", "check")
    services.build()  # repairs what it knows; a stray file is the deployer's to look at
    assert {d.kind for d in services.check()} == {"unknown"}


def test_push_moves_only_changes_and_is_idempotent(portal, site_dir, tmp_path, publish):
    services.build()
    target = tmp_path / "share"
    first = services.push(target)
    assert first.copied and not first.deleted
    assert services.verify(target) == []
    second = services.push(target)
    assert second.copied == [] and second.deleted == []
    publish("新增公告", "正文")  # no task ran: rebuild by hand
    services.build()
    third = services.push(target)
    assert third.copied and all(
        (target / f).read_bytes() == (site_dir / f).read_bytes() for f in third.copied
    )
    assert "MANIFEST.sha256" not in third.copied
    # The far side catches a file changed or added in transit.
    (target / "index.html").write_text("x")
    (target / "extra.txt").write_text("x")
    assert {(d.kind, d.file) for d in services.verify(target)} == {
        ("different", "index.html"),
        ("unknown", "extra.txt"),
    }
    with pytest.raises(CommandError):
        call_command("site", "verify", str(target))
    # A file lost on the far side is copied again.
    (target / "robots.txt").unlink()
    assert "robots.txt" in services.push(target).copied


def test_pages_that_never_go_static(portal, site_dir):
    services.build()
    files = snapshot(site_dir)
    assert not any(f.startswith(("search", "apply", "api", "staff", "hudong")) for f in files)
    assert not any("/apply/" in f or "/hudong/write" in f for f in files)


def test_without_the_setting_nothing_is_written(portal, settings, tmp_path):
    settings.GONGKAI_STATIC_SITE = ""
    with pytest.raises(CommandError, match="GONGKAI_STATIC_SITE"):
        call_command("site", "build")


def test_a_stale_render_never_overwrites_a_newer_page(portal, site_dir):
    services.build()
    agency = portal["agency"]
    row = SitePage.objects.get(url=f"/xxgk/{agency.code}/")
    row.generation += 1000
    row.save()
    (site_dir / row.file).write_text("newer")
    services.refresh(agency.pk, [portal["first"].pk])
    assert (site_dir / row.file).read_text() == "newer"


def test_internal_only_files_are_never_written(portal, site_dir):
    services.build()
    assert portal["second"].attachments.filter(internal_only=True).exists()
    assert not any("原件" in f for f in snapshot(site_dir))


@pytest.mark.django_db(transaction=True)
def test_the_worker_refreshes_the_site_from_the_database_queue(
    settings, tmp_path, audit_triggers_allow_flush, publish, catalogue
):
    from django_tasks_db.models import DBTaskResult

    settings.GONGKAI_STATIC_SITE = str(tmp_path / "site")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "site"]}
    }
    item = publish("冬季道路除雪预案", "遇降雪时……")
    queued = DBTaskResult.objects.filter(task_path="gongkai.staticsite.tasks.refresh_site")
    assert queued.filter(status="READY").exists()
    page = tmp_path / "site" / f"xxgk/{catalogue.code}/item/{item.pk}/index.html"
    assert not page.exists()  # nothing is rendered inside the request
    call_command("worker", "--batch", "--interval", "0")
    assert not queued.exclude(status="SUCCESSFUL").exists()
    assert page.read_bytes() == dynamic(f"/xxgk/{catalogue.code}/item/{item.pk}/")


def test_an_attachment_is_linked_and_served_under_its_name(portal, client):
    second = portal["second"]
    attachment = second.attachments.get(internal_only=False)
    named = f"/files/{attachment.pk}/附件1：养护计划.pdf"
    page = client.get(f"/xxgk/{portal['agency'].code}/item/{second.pk}/")
    assert f'href="/files/{attachment.pk}/%E9%99%84' in page.text  # the name, URL-encoded
    assert client.get(named).status_code == 200
    assert client.get(f"/files/{attachment.pk}/").status_code == 200  # the old address still works
    wrong = client.get(f"/files/{attachment.pk}/other.pdf")
    assert wrong.status_code == 302 and wrong["Location"].startswith(f"/files/{attachment.pk}/%E9")
    internal = second.attachments.get(internal_only=True)
    assert client.get(f"/files/{internal.pk}/x.pdf").status_code == 404


def test_a_lost_attachment_file_is_left_out_not_a_failed_build(portal, site_dir, client):
    attachment = portal["second"].attachments.get(internal_only=False)
    Path(attachment.file.path).unlink()
    assert client.get(f"/files/{attachment.pk}/").status_code == 404
    summary = services.build()
    assert summary.failed == []
    assert not (site_dir / f"files/{attachment.pk}").exists()
    assert services.check() == []


def test_a_withdrawal_leaves_the_pushed_copy_within_the_same_task(
    portal, site_dir, settings, tmp_path, chain_people, django_capture_on_commit_callbacks
):
    target = tmp_path / "dmz"
    settings.GONGKAI_SITE_PUSH_TO = [str(target)]
    services.build()
    services.push(target)
    first, agency = portal["first"], portal["agency"]
    page = target / f"xxgk/{agency.code}/item/{first.pk}/index.html"
    assert page.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_withdraw(item=first, by=chain_people["office"], reason="内容有误")
    assert not page.exists()
    assert "城乡公交线路调整公告".encode() not in (target / "index.html").read_bytes()
    assert services.verify(target) == []


def test_push_refuses_a_site_never_built_and_never_stops_at_a_bad_file(portal, site_dir, tmp_path):
    target = tmp_path / "share"
    with pytest.raises(services.SiteError, match="尚未完整生成过"):
        services.push(target)
    services.build()
    services.push(target)
    # The record moved on but the file is not what it says (written by nobody we know of).
    SitePage.objects.filter(file="robots.txt").update(sha256="0" * 64)
    pushed = services.push(target)
    assert "robots.txt" in pushed.deleted  # not as recorded: its copy goes, the next push retries
    assert not (target / "robots.txt").exists()
    assert "robots.txt" not in (target / "MANIFEST.sha256").read_text()
    services.build()
    assert "robots.txt" in services.push(target).copied


def test_an_unrecorded_file_of_a_withdrawn_item_goes_too(
    portal, site_dir, chain_people, django_capture_on_commit_callbacks
):
    services.build()
    second = portal["second"]
    attachment = second.attachments.get(internal_only=False)
    stored = f"files/{attachment.pk}/附件1：养护计划.pdf"
    SitePage.objects.filter(file=stored).delete()  # as after a build killed before recording
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_withdraw(item=second, by=chain_people["office"], reason="内容有误")
    assert not (site_dir / stored).exists()


def test_long_file_names_fit():
    from gongkai.portal.views import download_name

    name = download_name("关于" * 200 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 120
    assert download_name("../..\\x/y?.docx") == "_.._x_y_.docx"
    assert download_name("...") == "file"
