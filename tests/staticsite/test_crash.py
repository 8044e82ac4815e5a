"""A build killed mid-way leaves no partial page; ``--resume`` finishes it (a real process, a real
SIGKILL, on the suite's kind of database)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from django.utils import timezone
from gongkai.org.models import Agency
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueEntry, InformationItem
a = Agency.objects.create(name="示例县交通运输局", code="SX120", level="county", kind="department")
services.catalogue_apply_template(agency=a)
entry = CatalogueEntry.objects.get(agency=a, name="公示公告")
now = timezone.now()
InformationItem.objects.bulk_create([
    InformationItem(
        agency=a, entry=entry, title=f"第{n}号公告：城乡公交线路调整", body="正文" * 200,
        disclosure="active", status="published", published_at=now, decided_at=now,
        index_number=f"SX120-0001-2026-{n:05d}", topic="general",
    )
    for n in range(1, 401)
])
"""


def run(env, *args, check=True):
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert done.returncode == 0, (
            f"gongkai {' '.join(args)}:\n{done.stdout}\n{done.stderr[-3000:]}"
        )
    return done


@pytest.mark.django_db
def test_a_killed_build_leaves_no_partial_page_and_resumes(fresh_database, tmp_path):
    env = {**fresh_database, "GONGKAI_STATIC_SITE": str(tmp_path / "site")}
    run(env, "migrate", "-v0")
    run(env, "collectstatic", "--noinput", "-v0")
    run(env, "shell", "-c", SETUP)
    site = tmp_path / "site"
    build = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "site", "build", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if site.is_dir() and sum(1 for _ in site.rglob("qr.svg")) >= 250:
            break
        assert build.poll() is None, "the build ended before it was killed"
        time.sleep(0.05)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    written = [p for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert 250 <= len([p for p in written if p.name == "qr.svg"]) < 400
    # Every page there is whole: the check finds pages missing, none different.
    checked = run(env, "site", "check", check=False)
    assert checked.returncode != 0
    lines = [line for line in checked.stdout.splitlines() if "\t" in line]
    kinds = {line.split("\t")[0] for line in lines}
    # Written but not yet recorded (the record follows each batch of pages): whole files too.
    assert kinds <= {"缺少文件", "站点目录中有未登记的文件"} and "缺少文件" in kinds, kinds
    for page in written:
        if page.suffix == ".html":
            assert page.read_bytes().rstrip().endswith(b"</html>"), page
    resumed = run(env, "site", "build", "--resume", "--workers", "2")
    assert "续生成跳过" in resumed.stdout
    skipped = int(resumed.stdout.split("续生成跳过 ")[1].split("。")[0])
    assert skipped >= 200  # what the killed build recorded was not rendered again
    assert run(env, "site", "check").returncode == 0
    assert not [p for p in site.rglob(".*.tmp")]
    assert sum(1 for _ in site.rglob("qr.svg")) == 400
