"""`gongkai backup` and `gongkai restore`: a restored site has every row and every file of its
source and serves pages at once, on the database this leg of the suite runs on.

The source is the demo county (items with attachments, applications with letters, the audit log,
messages, reports) built by `gongkai demo` once for the module, in a var/ of its own (SQLite) or in
a database of its own on the leg's PostgreSQL server; the restore goes into a fresh var/ (and a
fresh database on the same server).
"""

import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support import PROJECT, Served, get, gongkai, site_env

LEG_URL = os.environ.get("DATABASE_URL", "")
LEG = "postgresql" if LEG_URL.startswith(("postgres://", "postgresql://")) else "sqlite"


# --- PostgreSQL: databases of the tests' own on the leg's server ---------------------------------


def _database_url(name: str) -> str:
    parts = urlsplit(LEG_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(LEG_URL, autocommit=True) as conn:
        conn.execute(sql)


class Databases:
    """Empty databases created on the leg's server, dropped at the end."""

    def __init__(self):
        self.names: list[str] = []

    def new(self, role: str) -> str:
        name = f"gongkai_{role}_{uuid.uuid4().hex[:8]}"
        _admin(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return _database_url(name)

    def drop_all(self) -> None:
        for name in self.names:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def databases():
    found = Databases()
    yield found
    found.drop_all()


def _site(root: Path, databases: Databases, role: str) -> dict[str, str]:
    """The environment of a new site under ``root``: its own var/, and on PostgreSQL its own
    database."""
    url = databases.new(role) if LEG == "postgresql" else None
    return site_env(root / "var", url)


# --- The source site and its backup -------------------------------------------------------------


def dump(env: dict[str, str], out: Path) -> dict:
    """Every row of every table (tests/ops/site_dump.py run in the site's environment)."""
    subprocess.run(
        [sys.executable, str(PROJECT / "tests" / "ops" / "site_dump.py"), str(out)],
        env=env,
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text())


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def source(tmp_path_factory, databases):
    """The demo county, backed up once."""
    root = tmp_path_factory.mktemp("source")
    env = _site(root, databases, "source")
    gongkai("migrate", "--noinput", "-v0", env=env)
    gongkai("demo", env=env)
    # An upload whose name is neither ASCII nor a single word, beside the demo's own.
    odd = root / "var" / "media" / "attachments" / "旧系统导入" / "通知 (第2版).txt"
    odd.parent.mkdir(parents=True)
    odd.write_text("旧系统导入的附件\n")
    archive = tmp_path_factory.mktemp("backups") / "gongkai.tar.gz"
    made = gongkai("backup", "-o", str(archive), env=env)
    return {
        "env": env,
        "var": root / "var",
        "archive": archive,
        "output": made.stdout,
        "dump": dump(env, root / "dump.json"),
    }


@pytest.fixture(scope="module")
def restored(source, tmp_path_factory, databases):
    root = tmp_path_factory.mktemp("restored")
    env = _site(root, databases, "restored")
    done = gongkai("restore", str(source["archive"]), env=env)
    return {"env": env, "var": root / "var", "output": done.stdout, "root": root}


def test_the_backup_is_one_private_archive_with_a_manifest(source):
    archive = source["archive"]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert "备份含密钥和个人信息" in source["output"]
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        contents = {
            entry["path"]: tar.extractfile(entry["path"]).read() for entry in manifest["files"]
        }
    assert manifest["format"] == 1
    assert manifest["created"]
    assert manifest["database"]["vendor"] == LEG
    database = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}[LEG]
    assert database in names and "secret_key" in names and manifest["secret_key"] is True
    # The latest applied migration of every app, as the source has them.
    latest = {}
    for app, name in source["dump"]["migrations"]:
        latest[app] = max(latest.get(app, name), name)
    assert manifest["migrations"] == latest
    # Every file listed with its size and hash; every upload of the source is in it.
    assert set(contents) == set(names) - {"manifest.json"}
    for entry in manifest["files"]:
        data = contents[entry["path"]]
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    uploads = files(source["var"] / "media")
    assert {f"media/{name}": data for name, data in uploads.items()} == {
        name: data for name, data in contents.items() if name.startswith("media/")
    }
    assert len(uploads) > 100
    assert contents["secret_key"] == (source["var"] / "secret_key").read_bytes()


def test_a_restore_has_every_row_and_every_file_of_the_source(source, restored):
    assert "文件校验一致" in restored["output"]
    assert "静态文件：已收集到" in restored["output"]
    copy = dump(restored["env"], restored["root"] / "dump.json")
    original = source["dump"]
    assert copy["vendor"] == original["vendor"] == LEG
    assert sum(len(rows) for rows in original["rows"].values()) > 5000
    for table, rows in original["rows"].items():
        assert len(copy["rows"][table]) == len(rows), table
        assert copy["rows"][table] == rows, table
    assert copy["rows"].keys() == original["rows"].keys()
    # Tables that are not models (the full-text index, django_migrations) by their row counts.
    assert copy["counts"] == original["counts"]
    assert copy["migrations"] == original["migrations"]
    assert files(restored["var"] / "media") == files(source["var"] / "media")
    assert (restored["var"] / "secret_key").read_bytes() == (
        source["var"] / "secret_key"
    ).read_bytes()
    assert stat.S_IMODE((restored["var"] / "secret_key").stat().st_mode) == 0o600


def test_the_restored_site_serves_pages_at_once(source, restored, tmp_path):
    gongkai("check", env=restored["env"])
    site = source["dump"]
    with Served(restored["env"], tmp_path / "serve.log") as server:
        home = get(f"{server.url}/")
        assert home.status == 200, server.log()
        assert "示例县" in home.text
        item = get(f"{server.url}{site['item_url']}")
        assert item.status == 200, server.log()
        # The page's stylesheet (collected by the restore) and the item's attachment (restored).
        stylesheet = home.text.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert get(f"{server.url}{stylesheet}").status == 200
        download = get(f"{server.url}{site['attachment']['url']}")
        assert download.status == 200
        assert download.body == (source["var"] / "media" / site["attachment"]["path"]).read_bytes()


def test_a_restore_refuses_a_site_that_already_has_data(source, restored):
    refused = gongkai("restore", str(source["archive"]), env=restored["env"], check=False)
    assert refused.returncode != 0
    assert "目标不是空的" in refused.stderr and "--force" in refused.stderr
    assert "张表" in refused.stderr and "个文件" in refused.stderr
    # --force replaces it, and the result is the source again.
    (restored["var"] / "media" / "stray.txt").write_text("不在备份里的文件")
    gongkai("restore", "--force", str(source["archive"]), env=restored["env"])
    assert files(restored["var"] / "media") == files(source["var"] / "media")
    copy = dump(restored["env"], restored["root"] / "dump-force.json")
    assert copy["rows"] == source["dump"]["rows"]


# --- Older versions, damage, the other database (a small site: migrate only, one upload) -------


@pytest.fixture(scope="module")
def older(tmp_path_factory):
    """A SQLite site one migration behind this version (applications.0002 not yet applied)."""
    root = tmp_path_factory.mktemp("older")
    env = site_env(root / "var")
    gongkai("migrate", "--noinput", "-v0", env=env)
    gongkai("migrate", "applications", "0001", "--noinput", "-v0", env=env)
    upload = root / "var" / "media" / "attachments" / "2024" / "05" / "a.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4\n% old upload\n")
    archive = root / "older.tar.gz"
    gongkai("backup", "-o", str(archive), env=env)
    return {"archive": archive, "root": root}


def test_a_backup_from_an_older_version_comes_up_on_this_one(older, tmp_path):
    with tarfile.open(older["archive"]) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["migrations"]["applications"] == "0001_initial"
    env = site_env(tmp_path / "var")
    done = gongkai("restore", str(older["archive"]), env=env)
    assert "applications.0002_application_application_submission_unique" in done.stdout
    plan = gongkai("migrate", "--plan", env=env)
    assert "No planned migration operations" in plan.stdout
    assert (tmp_path / "var" / "media" / "attachments" / "2024" / "05" / "a.pdf").is_file()


def test_a_damaged_archive_is_refused_before_anything_is_restored(older, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(older["archive"]) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith("a.pdf"):
                data = data.replace(b"old", b"new")
            target.addfile(member, io.BytesIO(data))
    env = site_env(tmp_path / "var")
    refused = gongkai("restore", str(damaged), env=env, check=False)
    assert refused.returncode != 0
    assert "文件校验失败" in refused.stderr and "a.pdf" in refused.stderr
    assert not (tmp_path / "var" / "gongkai.sqlite3").exists()
    media = tmp_path / "var" / "media"  # settings make the (empty) folder at start-up
    assert not media.exists() or not any(media.iterdir())


def test_a_backup_is_restored_only_into_the_same_database(older, source, tmp_path, databases):
    if LEG != "postgresql":
        pytest.skip("needs both databases: runs in the PostgreSQL leg (scripts/with-postgres.sh)")
    into_postgresql = site_env(tmp_path / "pg" / "var", databases.new("cross"))
    refused = gongkai("restore", str(older["archive"]), env=into_postgresql, check=False)
    assert refused.returncode != 0
    assert "备份的数据库是 SQLite，当前配置的是 PostgreSQL" in refused.stderr
    into_sqlite = site_env(tmp_path / "sqlite" / "var")
    refused = gongkai("restore", str(source["archive"]), env=into_sqlite, check=False)
    assert refused.returncode != 0
    assert "备份的数据库是 PostgreSQL，当前配置的是 SQLite" in refused.stderr


WRITER = """
import sqlite3, sys, time
from pathlib import Path
db = sqlite3.connect(sys.argv[1], timeout=20, isolation_level=None)
db.execute("PRAGMA busy_timeout=20000")
stop, n = Path(sys.argv[2]), 0
while not stop.exists():
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)",
        (f"writer{n:08d}", "x" * 500, "2099-01-01 00:00:00"),
    )
    db.execute("COMMIT")
    n += 1
print(n)
"""


def test_a_sqlite_backup_is_consistent_while_the_site_writes(older, tmp_path):
    """The online backup API copies one snapshot while another process keeps writing (WAL)."""
    var = older["root"] / "var"
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(var / "gongkai.sqlite3"), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        archive = tmp_path / "during-writes.tar.gz"
        gongkai("backup", "-o", str(archive), env=site_env(var))
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=30)[0])
    assert writer.returncode == 0  # the writer was never refused
    with tarfile.open(archive) as tar:
        tar.extract("database/gongkai.sqlite3", tmp_path, filter="data")
    copy = sqlite3.connect(tmp_path / "database" / "gongkai.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    copied = copy.execute("SELECT COUNT(*) FROM django_session").fetchone()[0]
    keys = [row[0] for row in copy.execute("SELECT session_key FROM django_session ORDER BY 1")]
    copy.close()
    # A snapshot: the first rows in order, none missing in between, while the writes went on.
    assert 0 < copied < written
    assert keys == [f"writer{n:08d}" for n in range(copied)]
