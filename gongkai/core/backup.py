"""Backups as one archive, and restoring one into an empty var/ (``gongkai backup`` / ``restore``).

The archive is a gzip'd tar holding

- ``database/gongkai.sqlite3``: a consistent copy made with SQLite's online backup API (safe while
  the server runs in WAL mode), or ``database/gongkai.pgdump``: ``pg_dump --format=custom``;
- ``media/…``: every uploaded file (MEDIA_ROOT);
- ``secret_key``: var/secret_key, when SECRET_KEY is not set in the environment;
- ``manifest.json`` (the last member, written once every file's hash is known): format version,
  creation time, database vendor, the latest applied migration per app, and every file's sha256
  and size.

It holds the secret key and personal data: it is created with mode 0600 and must be stored
encrypted. A restore goes into an empty database and var/ (``--force`` empties them first), checks
every file against the manifest, brings the schema up to this version (``migrate``) and collects
the static files, so the restored site serves pages at once.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}
SECRET_KEY_FILE = "secret_key"
MEDIA_DIR = "media"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (in Chinese)."""


@dataclass
class BackupResult:
    path: Path
    vendor: str
    size: int
    media_files: int = 0
    media_bytes: int = 0
    secret_key: bool = False


@dataclass
class RestoreResult:
    vendor: str
    created: str
    media_files: int = 0
    secret_key: bool = False
    applied_migrations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- Backup -------------------------------------------------------------------------------------


def backup_create(*, output: Path) -> BackupResult:
    """Write the archive to ``output`` (mode 0600, replaced atomically when complete)."""
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"不支持备份 {vendor} 数据库（仅支持 SQLite 和 PostgreSQL）。")
    output = output.resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if output.is_relative_to(media_root):
        raise BackupError(f"备份文件不能放在上传目录 {media_root} 里。")
    if not output.parent.is_dir():
        raise BackupError(f"目录 {output.parent} 不存在。")
    if output.is_dir():
        raise BackupError(f"{output} 是目录：请给出归档文件名，如 {output / 'gongkai.tar.gz'}。")

    with tempfile.TemporaryDirectory(prefix=".gongkai-backup-", dir=output.parent) as staging:
        database = Path(staging) / "database"
        if vendor == "sqlite":
            tool = f"SQLite {sqlite3.sqlite_version}"
            _copy_sqlite(Path(settings.DATABASES["default"]["NAME"]), database)
        else:
            tool = _pg_dump(database)
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "gongkai_version": _version("gongkai"),
            "database": {
                "vendor": vendor,
                "file": DATABASE_FILES[vendor],
                "server_version": _server_version(),
                "dumped_with": tool,
            },
            "migrations": _latest_migrations(),
            "secret_key": False,
            "files": [],
        }
        result = BackupResult(path=output, vendor=vendor, size=0)

        fd, partial = tempfile.mkstemp(prefix=".gongkai-backup-", suffix=".part", dir=output.parent)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add(tar, manifest, database, DATABASE_FILES[vendor])
                for path in _media_files(media_root):
                    entry = _add(tar, manifest, path, f"{MEDIA_DIR}/{_relative(path, media_root)}")
                    result.media_files += 1
                    result.media_bytes += entry["size"]
                key = Path(settings.VAR_DIR) / "secret_key"
                if not os.environ.get("SECRET_KEY") and key.is_file():
                    _add(tar, manifest, key, SECRET_KEY_FILE)
                    manifest["secret_key"] = result.secret_key = True
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(body), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(body))
                raw.flush()
                os.fsync(raw.fileno())
            os.chmod(partial, 0o600)
            os.replace(partial, output)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    result.size = output.stat().st_size
    return result


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy while the server runs: the online backup API reads one snapshot (WAL lets
    writers go on meanwhile). The copy is a single self-contained file (no -wal beside it)."""
    if not source.is_file():
        raise BackupError(f"数据库文件 {source} 不存在。")
    src = sqlite3.connect(source, timeout=60)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        check = dst.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"数据库副本校验失败：{check}")
    finally:
        dst.close()
        src.close()


def _pg_dump(target: Path) -> str:
    server_major = connection.pg_version // 10000
    tool, major = _pg_tool("pg_dump", minimum=server_major)
    _run([tool, "--format=custom", "--no-password", f"--file={target}"], "pg_dump")
    return f"pg_dump {major}"


def _add(tar: tarfile.TarFile, manifest: dict, path: Path, name: str) -> dict:
    """Add one file to the archive, hashing exactly the bytes that go in."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    entry = {"path": name, "size": hashing.size, "sha256": hashing.hexdigest()}
    manifest["files"].append(entry)
    return entry


class _Hashing:
    def __init__(self, handle):
        self._handle = handle
        self._sha = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self._handle.read(size)
        self._sha.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found.extend(Path(folder) / name for name in sorted(files))
    return [path for path in found if path.is_file() and not path.is_symlink()]


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _latest_migrations() -> dict[str, str]:
    """The latest applied migration per app (migration names are numbered)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def _server_version() -> str:
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"{major}.{minor}"
    return sqlite3.sqlite_version


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


# --- PostgreSQL tools ---------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """The connection of DATABASE_URL as libpq variables (no password on a command line)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, value in [
        ("PGDATABASE", db.get("NAME")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
    ]:
        if value:
            env[variable] = str(value)
    for option, variable in [
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ]:
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    return env


def _pg_tool(name: str, minimum: int) -> tuple[str, int]:
    """The newest ``name`` on this machine (Debian keeps them under /usr/lib/postgresql/*/bin);
    pg_dump must be at least the server's major version."""
    found: dict[str, int] = {}
    for path in [*sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")), shutil.which(name)]:
        if path and path not in found:
            major = _tool_major(path)
            if major:
                found[path] = major
    if not found:
        raise BackupError(
            f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）。"
        )
    path, major = max(found.items(), key=lambda item: item[1])
    if major < minimum:
        raise BackupError(
            f"{name} 的版本（{major}）低于数据库服务器（{minimum}）："
            f"请安装 postgresql-client-{minimum} 或更新的版本。"
        )
    return path, major


def _tool_major(path: str) -> int | None:
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", out)
    return int(match.group(1)) if match else None


def _run(args: list[str], what: str) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} 失败（退出码 {done.returncode}）：{done.stderr.strip()}")


# --- Restore ------------------------------------------------------------------------------------


def restore_archive(*, archive: Path, force: bool = False) -> RestoreResult:
    """Restore ``archive`` into this configuration's database and var/ (see the module docstring)."""
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"不支持恢复到 {vendor} 数据库（仅支持 SQLite 和 PostgreSQL）。")
    if not archive.is_file():
        raise BackupError(f"备份文件 {archive} 不存在。")
    var_dir = Path(settings.VAR_DIR)
    media_root = Path(settings.MEDIA_ROOT)
    occupied = _occupied(media_root)
    if occupied and not force:
        raise BackupError(
            "目标不是空的：" + "；".join(occupied) + "。"
            "恢复会删除并替换这些数据：确认无误请加 --force。"
        )

    with tempfile.TemporaryDirectory(prefix=".gongkai-restore-", dir=var_dir) as staging_dir:
        staging = Path(staging_dir)
        manifest = _extract(archive, staging)
        _check_manifest(manifest, vendor)
        result = RestoreResult(vendor=vendor, created=manifest.get("created", ""))

        if vendor == "sqlite":
            _restore_sqlite(staging / DATABASE_FILES["sqlite"])
        else:
            _restore_postgresql(staging / DATABASE_FILES["postgresql"], manifest, force=force)
        before = set(MigrationRecorder(connection).applied_migrations())

        staged_media = staging / MEDIA_DIR
        if media_root.exists() and force:
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        for path in _media_files(staged_media):
            target = media_root / _relative(path, staged_media)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
            result.media_files += 1

        key = staging / SECRET_KEY_FILE
        if key.is_file():
            key.chmod(0o600)
            os.replace(key, var_dir / "secret_key")
            result.secret_key = True
            if os.environ.get("SECRET_KEY"):
                result.notes.append(
                    "备份中的密钥已写入 var/secret_key，但环境变量 SECRET_KEY 优先："
                    "若要沿用备份时的密钥，请去掉 SECRET_KEY。"
                )
        else:
            result.notes.append(
                "备份不含密钥（备份时 SECRET_KEY 来自环境变量）：请同样设置 SECRET_KEY，"
                "否则登录会话和已发出的签名链接失效。"
            )

    connections.close_all()
    call_command("migrate", interactive=False, verbosity=0)
    after = set(MigrationRecorder(connection).applied_migrations())
    result.applied_migrations = sorted(f"{app}.{name}" for app, name in after - before)
    call_command("collectstatic", interactive=False, verbosity=0)
    return result


def _occupied(media_root: Path) -> list[str]:
    """What is already there: tables in the database, a database file, uploaded files."""
    found = []
    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        tables = _sqlite_tables(path) if path.is_file() else []
        if tables:
            found.append(f"数据库 {path} 已有 {len(tables)} 张表")
    else:
        tables = connection.introspection.table_names()
        if tables:
            name = settings.DATABASES["default"]["NAME"]
            found.append(f"数据库 {name} 已有 {len(tables)} 张表")
    files = _media_files(media_root)
    if files:
        found.append(f"上传目录 {media_root} 已有 {len(files)} 个文件")
    return found


def _sqlite_tables(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        db.close()


def _extract(archive: Path, staging: Path) -> dict:
    allowed = re.compile(
        rf"^({re.escape(MANIFEST)}|database/[^/]+|{MEDIA_DIR}/.+|{SECRET_KEY_FILE})$"
    )
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar.getmembers():
                if not (member.isfile() or member.isdir()) or not allowed.match(member.name):
                    raise BackupError(f"备份中有不应出现的条目：{member.name}")
            # The "data" filter refuses absolute paths, "..", links and device files.
            tar.extractall(staging, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"无法读取备份文件 {archive}：{exc}") from exc
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"备份中没有可读的 {MANIFEST}：不是 gongkai backup 生成的文件？") from exc
    _verify_files(manifest, staging)
    return manifest


def _verify_files(manifest: dict, staging: Path) -> None:
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    present = {_relative(path, staging) for path in _media_files(staging)} - {MANIFEST}
    if present != set(listed):
        missing, extra = sorted(set(listed) - present), sorted(present - set(listed))
        raise BackupError(f"备份内容与清单不符：缺少 {missing[:5]}，多出 {extra[:5]}。")
    for name, entry in listed.items():
        path = staging / name
        sha = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                sha.update(chunk)
        if path.stat().st_size != entry["size"] or sha.hexdigest() != entry["sha256"]:
            raise BackupError(f"文件校验失败：{name}（大小或 SHA-256 与清单不符），备份已损坏。")


def _check_manifest(manifest: dict, vendor: str) -> None:
    version = manifest.get("format")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(f"备份格式版本 {version} 不受支持（本程序支持到 {FORMAT_VERSION}）。")
    source = manifest.get("database", {}).get("vendor")
    if source in DATABASE_FILES and DATABASE_FILES[source] not in {
        entry["path"] for entry in manifest.get("files", [])
    }:
        raise BackupError(f"备份中没有数据库文件 {DATABASE_FILES[source]}：备份不完整。")
    if source != vendor:
        source = VENDOR_NAMES.get(source, source)
        raise BackupError(
            f"备份的数据库是 {source}，当前配置的是 {VENDOR_NAMES[vendor]}（见 DATABASE_URL）："
            f"不支持跨数据库恢复，{source} 的备份只能恢复到 {source}。"
        )
    # A migration this version lacks (of an app it has) means the backup is newer than the code.
    # Names a squashed migration replaced still count as known.
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    known = set(disk) | {old for migration in disk.values() for old in migration.replaces}
    apps = {app for app, _name in known}
    unknown = [
        f"{app}.{name}"
        for app, name in manifest.get("migrations", {}).items()
        if app in apps and (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "备份来自更新的版本（本版本没有迁移 "
            + "、".join(unknown[:5])
            + "）：请先升级程序再恢复。"
        )


def _restore_sqlite(staged: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(staged, target)


def _restore_postgresql(staged: Path, manifest: dict, *, force: bool) -> None:
    if force:
        # Empty the database: tables of a newer schema than the backup's would stay otherwise.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connections.close_all()
    dumped = re.search(r"(\d+)", manifest["database"].get("dumped_with", "")) or None
    tool, _major = _pg_tool("pg_restore", minimum=int(dumped.group(1)) if dumped else 0)
    name = settings.DATABASES["default"]["NAME"]
    _run(
        [
            tool,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={name}",
            str(staged),
        ],
        "pg_restore",
    )
