"""The shipped nginx example (deploy/nginx/gongkai.conf), run as it is in front of `gongkai serve`.

Only the ports and paths are changed for the test: nginx listens on a free port of 127.0.0.1,
runs in the foreground with its pid, logs and temporary files in a directory of its own.
"""

import grp
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .support import (
    PROJECT,
    Served,
    free_port,
    request,
    site_env,
    slow_clients,
    stop_group,
    tail,
    timed_get,
    wait_for_http,
)

SHIPPED = PROJECT / "deploy" / "nginx" / "gongkai.conf"


def _find_nginx() -> str | None:
    # /usr/sbin is not on every user's PATH.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def _nginx_binary() -> str | None:
    found = _find_nginx()
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        # The project's own installer (make test runs it first; this covers a bare pytest run).
        subprocess.run([str(PROJECT / "scripts" / "system-deps.sh")], check=False)
        found = _find_nginx()
    return found


def site_config(shipped: str, *, app_port: int, port: int, var_dir: Path) -> str:
    """The shipped server configuration with this test's ports and var/ put in."""
    config, count = re.subn(
        r"^    listen 80;\n    listen \[::\]:80;\n",
        f"    listen 127.0.0.1:{port};\n",
        shipped,
        flags=re.M,
    )
    assert count == 1, "deploy/nginx/gongkai.conf: the plain-HTTP listen lines moved"
    for old, new in [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("root /srv/gongkai/var;", f"root {var_dir};"),
    ]:
        assert config.count(old) == 1, f"deploy/nginx/gongkai.conf: {old!r} not found once"
        config = config.replace(old, new)
    return config


def _main_config(prefix: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around a site file, in a private prefix."""
    user = ""
    if os.geteuid() == 0:
        # Workers drop to the unprivileged user, as on a server: var/static must be readable by it.
        name = "www-data" if _user_exists("www-data") else "nobody"
        user = f"user {name} {grp.getgrgid(pwd.getpwnam(name).pw_gid).gr_name};"
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").is_file() else ""
    return f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    {mime}
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="module")
def proxied(migrated_site, tmp_path_factory):
    """`gongkai serve` on a free port, and the shipped nginx configuration in front of it."""
    nginx = _nginx_binary()
    if nginx is None:
        pytest.skip(
            "!!! NGINX TESTS SKIPPED: nginx is not installed and cannot be installed here "
            "(scripts/system-deps.sh installs Debian's nginx when run as root) !!!"
        )
    logs = tmp_path_factory.mktemp("nginx-logs")
    prefix = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    prefix.chmod(0o755)
    env = site_env(migrated_site, GONGKAI_BEHIND_PROXY="1", GONGKAI_PROXY_COUNT="1")
    with Served(env, logs / "gunicorn.log") as app:
        port = free_port()
        site = prefix / "gongkai.conf"
        site.write_text(
            site_config(SHIPPED.read_text(), app_port=app.port, port=port, var_dir=migrated_site)
        )
        main = prefix / "nginx.conf"
        main.write_text(_main_config(prefix, site))
        checked = subprocess.run(
            [nginx, "-t", "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=(logs / "nginx.out").open("wb"),
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for_http(f"{url}/healthz", process, prefix / "error.log")
            yield {"url": url, "port": port, "app": app, "prefix": prefix, "var": migrated_site}
        finally:
            stop_group(process)
            print(tail(prefix / "error.log"))
            shutil.rmtree(prefix, ignore_errors=True)


def test_a_portal_page_comes_through_with_the_apps_headers(proxied):
    response = request("GET", f"{proxied['url']}/")
    assert response.status == 200
    assert "政府信息公开" in response.text
    assert response.headers["X-Request-ID"]  # answered by the app
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Server"] == "nginx"  # server_tokens off: no version


def test_static_files_are_served_by_nginx_and_cached(proxied):
    static = proxied["var"] / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    original, hashed = next((k, v) for k, v in manifest.items() if k.endswith(".css"))
    response = request("GET", f"{proxied['url']}/static/{hashed}")
    assert response.status == 200
    assert response.body == (static / hashed).read_bytes()
    assert "X-Request-ID" not in response.headers  # nginx answered, not the app
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # Names without a hash may change with the next release: a day only.
    plain = request("GET", f"{proxied['url']}/static/{original}")
    assert plain.status == 200 and plain.headers["Cache-Control"] == "public, max-age=86400"
    gunicorn_log = proxied["app"].log()
    assert "/static/" not in gunicorn_log


def test_a_body_over_the_upload_limit_is_refused_by_nginx(proxied):
    """51 MB (GONGKAI_MAX_UPLOAD_MB + the form) is the limit; nginx answers from the headers alone."""
    with socket.create_connection(("127.0.0.1", proxied["port"]), timeout=10) as sock:
        sock.sendall(
            b"POST /staff/publishing/items/1/attachments/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\n"
            + f"Content-Length: {52 * 1024 * 1024}\r\n\r\n".encode()
        )
        answer = sock.recv(65536).decode("utf-8", errors="replace")
    assert answer.startswith("HTTP/1.1 413"), answer
    assert "上传内容过大" in answer


@pytest.mark.parametrize(
    ("client", "path"),
    [
        ("127.0.0.11", "/accounts/login/"),
        ("127.0.0.12", "/xxgk/SX000/apply/"),
        ("127.0.0.13", "/xxgk/SX000/hudong/write/"),
        ("127.0.0.14", "/apply/track/"),
    ],
)
def test_a_burst_of_posts_to_a_form_gets_429_from_nginx(proxied, client, path):
    url = f"{proxied['url']}{path}"
    # Reading the form is never limited.
    for _ in range(25):
        assert request("GET", url, source=client).status != 429
    statuses = []
    for _ in range(30):
        response = request(
            "POST",
            url,
            body=b"x=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            source=client,
        )
        statuses.append((response.status, "X-Request-ID" in response.headers, response.text))
    limited = [s for s in statuses if s[0] == 429]
    assert statuses[0][1], "the first POSTs reach the app"
    assert len(limited) >= 5, statuses
    assert all(not from_app and "请求过于频繁" in text for _status, from_app, text in limited)
    # Another address is not affected.
    response = request(
        "POST",
        url,
        body=b"x=1",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        source="127.0.0.19",
    )
    assert response.status != 429


def test_a_flood_on_the_api_gets_429_from_nginx(proxied):
    url = f"{proxied['url']}/api/v1/agencies"
    answers = [request("GET", url, source="127.0.0.15") for _ in range(80)]
    assert answers[0].status == 200
    limited = [a for a in answers if a.status == 429 and "X-Request-ID" not in a.headers]
    assert limited, [a.status for a in answers]


def test_slow_clients_wait_in_nginx_not_in_the_app(proxied):
    """More slow uploads than the app has threads (2 workers x 8): nginx reads every body before
    the app sees the request, so /healthz answers at once."""
    held = slow_clients(proxied["port"], 40, path="/hudong/")
    try:
        time.sleep(0.3)
        for _ in range(3):
            seconds, answer = timed_get(f"{proxied['url']}/healthz", timeout=2)
            assert answer is not None and answer.status == 200 and seconds < 2
    finally:
        for sock in held:
            sock.close()


def test_deploy_md_shows_the_shipped_file():
    doc = (PROJECT / "docs" / "deploy.md").read_text()
    assert SHIPPED.read_text().strip() in doc
