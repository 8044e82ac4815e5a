"""索引号 stay unique and gapless when several processes publish at once (SQLite and PostgreSQL)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("index_worker.py")
SETUP = """
from gongkai.org.models import Agency, Membership, Unit
from gongkai.accounts.models import User
from gongkai.publishing import services
a = Agency.objects.create(name="示例县交通运输局", code="SX120", level="county", kind="department")
u = Unit.objects.create(agency=a, name="运输股")
o = Unit.objects.create(agency=a, name="办公室")
x = User.objects.create_user("xiaoli", password="Gongkai@2026")
y = User.objects.create_user("xiaolin", password="Gongkai@2026")
Membership.objects.create(user=x, agency=a, unit=u, role="info_officer")
Membership.objects.create(user=y, agency=a, unit=o, role="disclosure_office")
services.catalogue_apply_template(agency=a)
services.review_chain_ensure(agency=a)
"""
CHECK = """
from gongkai.publishing.models import InformationItem
numbers = sorted(InformationItem.objects.values_list("index_number", flat=True))
print(len(numbers), len(set(numbers)), numbers[0], numbers[-1])
"""


def run(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        **kwargs,
    )


@pytest.mark.django_db
def test_concurrent_publishers_never_share_an_index_number(fresh_database):
    env = fresh_database
    run(env, "-m", "gongkai", "migrate", "-v0")
    run(env, "-m", "gongkai", "shell", "-c", SETUP)
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "SX120", "15", str(n)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    output = run(env, "-m", "gongkai", "shell", "-c", CHECK).stdout.split()
    total, unique, first, last = output[-4:]
    assert (int(total), int(unique)) == (60, 60)
    assert first.endswith("-00001") and last.endswith("-00060")  # gapless, in one sequence
