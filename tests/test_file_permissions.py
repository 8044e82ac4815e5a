"""The database and the uploads hold ID numbers: files 0600 and directories 0700, readable by the
app's user alone; static files stay public (0644/0755) for a web server."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.core.permissions import narrow_file
from gongkai.publishing import services

PROJECT = Path(__file__).resolve().parents[1]

#: Opens the default (SQLite) database under GONGKAI_VAR_DIR, writes to it, and reports the modes
#: of everything in var/ while the connection is still open (the -wal and -shm files exist then).
PROBE = """
import json, os, stat, django
os.umask(0o022)
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS probe (n integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
var = settings.VAR_DIR
modes = {}
for path in [var, *var.iterdir()]:
    modes[path.name if path != var else "var"] = oct(stat.S_IMODE(path.stat().st_mode))
print(json.dumps(modes))
"""


def run(args, var: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGKAI_MEDIA_ROOT"}}
    env.update(GONGKAI_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="gongkai.settings", DEBUG="0")
    return subprocess.run(
        args, cwd=PROJECT, env=env, capture_output=True, text=True, check=True, timeout=300
    )


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_var_directory_is_private_and_the_database_is_0600(tmp_path):
    var = tmp_path / "var"
    modes = json.loads(run([sys.executable, "-c", PROBE], var).stdout.splitlines()[-1])
    assert modes["var"] == "0o711"  # others may reach var/static, but not list or read var/
    assert modes["media"] == "0o700"
    assert modes["static"] == "0o755"
    assert modes["secret_key"] == "0o600"
    assert modes["gongkai.sqlite3"] == "0o600"
    assert modes["gongkai.sqlite3-wal"] == "0o600"
    assert modes["gongkai.sqlite3-shm"] == "0o600"


def test_an_older_world_readable_database_is_narrowed_when_a_connection_opens(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    database = var / "gongkai.sqlite3"
    database.touch()
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        path.touch()
        path.chmod(0o644)
    modes = json.loads(run([sys.executable, "-c", PROBE], var).stdout.splitlines()[-1])
    assert modes["gongkai.sqlite3"] == modes["gongkai.sqlite3-wal"] == "0o600"
    assert modes["gongkai.sqlite3-shm"] == "0o600"
    assert mode(database) == 0o600
    assert modes["var"] == oct(mode(var))  # an existing directory keeps the mode it was given


def test_only_our_own_files_are_changed(tmp_path):
    ours = tmp_path / "ours"
    ours.write_text("x")
    ours.chmod(0o644)
    assert narrow_file(str(ours)) and mode(ours) == 0o600
    assert not narrow_file(str(ours))  # already private
    assert not narrow_file(str(tmp_path / "missing"))
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    theirs = tmp_path / "theirs"
    theirs.write_text("x")
    theirs.chmod(0o644)
    os.chown(theirs, 65534, 65534)
    assert not narrow_file(str(theirs)) and mode(theirs) == 0o644


def test_collected_static_files_stay_public(tmp_path):
    var = tmp_path / "var"
    run([sys.executable, "-m", "gongkai", "collectstatic", "--noinput", "-v0"], var)
    css = var / "static" / "gongkai" / "css" / "app.css"
    assert mode(css) == 0o644 and mode(css.parent) == 0o755
    assert mode(var / "static") == 0o755
    hashed = [p for p in css.parent.iterdir() if p.name.startswith("app.") and p != css]
    assert hashed and all(mode(p) == 0o644 for p in hashed)


def test_settings_make_uploads_private():
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700


@pytest.mark.django_db
def test_an_uploaded_attachment_is_0600_in_0700_directories(xiaoli, transport):
    services.catalogue_apply_template(agency=transport)
    item = services.item_create(
        agency=transport,
        by=xiaoli,
        data={
            "title": "关于农村公路养护的通知",
            "entry": transport.catalogue.exclude(parent=None).first(),
            "body": "各乡镇：请做好养护。",
            "doc_number": "",
            "formed_date": None,
            "written_date": None,
            "disclosure": "active",
            "withhold_ground": "",
            "withhold_explanation": "",
            "topic": "industry_transport",
        },
    )
    attachment = services.attachment_add(
        item=item, by=xiaoli, upload=services.Upload("通知.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    )
    path = Path(attachment.file.path)
    assert mode(path) == 0o600
    media = Path(settings.MEDIA_ROOT).resolve()
    directory = path.parent
    while directory != media:
        assert mode(directory) == 0o700, directory
        directory = directory.parent
