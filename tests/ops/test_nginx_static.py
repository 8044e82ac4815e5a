"""静态发布 behind the shipped nginx configuration (deploy/nginx/gongkai-static.conf): pages come
from the files, byte for byte; the dynamic routes reach the application; the pages stay up when
the application is down."""

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from .support import (
    PROJECT,
    Served,
    free_port,
    get,
    gongkai,
    site_env,
    stop_group,
    tail,
    wait_for_http,
)
from .test_nginx import _main_config, _nginx_binary

SHIPPED = PROJECT / "deploy" / "nginx" / "gongkai-static.conf"
SETUP = """
from django.utils import timezone
from gongkai.org.models import Agency
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry, InformationItem
a = Agency.objects.create(name="示例县交通运输局", code="SX120", level="county", kind="department")
services.catalogue_apply_template(agency=a)
entry = CatalogueEntry.objects.get(agency=a, name="公示公告")
now = timezone.now()
for n in range(1, 31):
    InformationItem.objects.create(
        agency=a, entry=entry, title=f"第{n}号公告：城乡公交线路调整", body="正文",
        disclosure="active", status="published", published_at=now, decided_at=now,
        index_number=f"SX120-0001-2026-{n:05d}", topic="general", source="imported",
    )
item = InformationItem.objects.get(index_number="SX120-0001-2026-00001")
services.attachment_add(item=item, by=None, upload=services.Upload("附件1：线路图.pdf", b"%PDF-1.4\\n% map\\n"))
print(item.pk, item.entry_id, item.attachments.get().pk)
"""


def static_config(shipped: str, *, app_port: int, port: int, site: Path) -> str:
    config = shipped.replace(
        "    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{port};\n"
    )
    for old, new in [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("root /srv/gongkai/var/site;", f"root {site};"),
    ]:
        assert config.count(old) == 1, f"gongkai-static.conf: {old!r} not found once"
        config = config.replace(old, new)
    return config


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    nginx = _nginx_binary()
    if nginx is None:
        pytest.skip(
            "!!! NGINX TESTS SKIPPED: nginx is not installed and cannot be installed here !!!"
        )
    root = Path(tempfile.mkdtemp(prefix="gongkai-static-"))
    root.chmod(0o755)
    var, site = root / "var", root / "var" / "site"
    port = free_port()
    env = site_env(
        var,
        GONGKAI_STATIC_SITE=str(site),
        GONGKAI_BASE_URL=f"http://127.0.0.1:{port}",
        GONGKAI_BEHIND_PROXY="1",
        GONGKAI_PROXY_COUNT="1",
    )
    gongkai("migrate", "--noinput", "-v0", env=env)
    gongkai("collectstatic", "--noinput", "-v0", env=env)
    item, entry, attachment = gongkai("shell", "-c", SETUP, env=env).stdout.split()[-3:]
    gongkai("site", "build", "--workers", "1", env=env)
    var.chmod(0o755)
    logs = tmp_path_factory.mktemp("nginx-static-logs")
    prefix = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    prefix.chmod(0o755)
    app = Served(env, logs / "gunicorn.log").__enter__()
    conf = prefix / "gongkai.conf"
    conf.write_text(static_config(SHIPPED.read_text(), app_port=app.port, port=port, site=site))
    main = prefix / "nginx.conf"
    main.write_text(_main_config(prefix, conf))
    args = [nginx, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*args[:1], "-t", *args[1:]], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/healthz", process, prefix / "error.log")
        yield {
            "url": url,
            "site": site,
            "app": app,
            "item": int(item),
            "entry": int(entry),
            "attachment": int(attachment),
        }
    finally:
        stop_group(process)
        app.__exit__(None, None, None)
        print(tail(prefix / "error.log"))
        shutil.rmtree(prefix, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


def from_nginx(response) -> bool:
    return "X-Request-ID" not in response.headers  # the application stamps every answer


def test_pages_come_from_the_files_with_the_applications_headers(static_site):
    url, site = static_site["url"], static_site["site"]
    page = get(f"{url}/xxgk/SX120/item/{static_site['item']}/")
    assert page.status == 200 and from_nginx(page)
    assert page.body == (site / f"xxgk/SX120/item/{static_site['item']}/index.html").read_bytes()
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    home = get(f"{url}/")
    assert home.status == 200 and from_nginx(home) and "示例县交通运输局" in home.text
    css = get(f"{url}/static/gongkai/css/portal.css")
    assert css.status == 200 and from_nginx(css)


def test_column_pages_by_number_and_other_queries_to_the_application(static_site):
    url, entry = static_site["url"], static_site["entry"]
    second = get(f"{url}/xxgk/SX120/column/{entry}/?page=2")
    assert second.status == 200 and from_nginx(second) and "第1号公告" in second.text
    assert (
        second.body
        == (static_site["site"] / f"xxgk/SX120/column/{entry}/index.page-2.html").read_bytes()
    )
    mixed = get(f"{url}/xxgk/SX120/column/{entry}/?page=2&x=1")
    assert mixed.status == 200 and not from_nginx(mixed)
    found = get(f"{url}/search/?q={quote('公交')}")
    # Thirty equal matches: the ranking's tie goes to the newest (the highest number here).
    assert found.status == 200 and not from_nginx(found) and "第30号公告" in found.text
    assert "找到 30 条结果" in found.text


def test_feeds_sitemap_files_and_hidden_state(static_site):
    url = static_site["url"]
    feed = get(f"{url}/xxgk/SX120/rss.xml")
    assert from_nginx(feed) and feed.headers["Content-Type"].startswith("application/rss+xml")
    sitemap = get(f"{url}/sitemap.xml")
    assert from_nginx(sitemap) and b"<sitemapindex" in sitemap.body
    items = get(f"{url}/sitemap-items.xml")
    assert from_nginx(items) and b"<urlset" in items.body and b"/item/" in items.body
    assert items.headers["Content-Type"].startswith("application/xml")
    name = quote("附件1：线路图.pdf")
    download = get(f"{url}/files/{static_site['attachment']}/{name}")
    assert download.status == 200 and from_nginx(download)
    assert download.headers["Content-Disposition"] == "attachment"
    assert download.body.startswith(b"%PDF")
    old_address = get(f"{url}/files/{static_site['attachment']}/")  # as the API gives it
    assert old_address.status == 200 and not from_nginx(old_address)
    assert old_address.body.startswith(b"%PDF")
    (static_site["site"] / "files" / f"{static_site['attachment']}" / ".x.tmp").write_text("half")
    assert get(f"{url}/files/{static_site['attachment']}/.x.tmp").status == 404
    assert get(f"{url}/.gongkai/").status == 404
    assert get(f"{url}/xxgk/.hidden").status == 404


def test_large_type_readers_get_the_application(static_site):
    page = get(f"{static_site['url']}/xxgk/SX120/", headers={"Cookie": "gk_mode=elder"})
    assert page.status == 200 and not from_nginx(page) and 'class="portal elder"' in page.text


def test_pages_stay_up_when_the_application_is_down(static_site):
    url = static_site["url"]
    static_site["app"].__exit__(None, None, None)
    page = get(f"{url}/xxgk/SX120/item/{static_site['item']}/")
    assert page.status == 200 and "第1号公告" in page.text
    search = get(f"{url}/search/?q=x")
    assert search.status == 503 and "服务暂时不可用" in search.text
