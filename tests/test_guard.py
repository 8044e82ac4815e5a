"""The public forms' guard (gongkai.core.guard): limits that hold across workers and nodes, a
challenge that cannot be replayed, one record per submission key — on the shared disk cache
(the default) and on a real Redis (started by ``make test``)."""

import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.test.utils import override_settings

from gongkai.core import guard
from gongkai.settings import cache_from_url

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(
    not REDIS_URL,
    reason="!!! GONGKAI_TEST_REDIS_URL is not set: no redis-server here (make test starts one) !!!",
)

#: A worker process: counts attempts against the shared cache and prints how many were let in.
WORKER = """
import django, os, sys
django.setup()
from gongkai.core import guard
allowed = sum(guard.rate_hit(None, "test", int(sys.argv[1]), who=sys.argv[2]) for _ in range(int(sys.argv[3])))
print(allowed)
"""


def _workers(cache_url: str, *, processes: int, attempts: int, limit: int, who: str) -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_CACHE_URL": cache_url,
    }
    running = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(limit), who, str(attempts)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    return sum(int(p.communicate(timeout=120)[0].strip()) for p in running)


@pytest.mark.parametrize("backend", ["disk", pytest.param("redis", marks=needs_redis)])
def test_a_limit_of_ten_is_ten_across_four_worker_processes(backend, tmp_path):
    url = f"disk:{tmp_path / 'cache'}" if backend == "disk" else REDIS_URL
    who = f"203.0.113.1-{backend}-{uuid.uuid4().hex}"
    assert _workers(url, processes=4, attempts=8, limit=10, who=who) == 10


@needs_redis
def test_limits_on_redis_count_within_this_process_too(tmp_path):
    with override_settings(CACHES={"default": cache_from_url(REDIS_URL)}):
        who = f"redis-inprocess-{uuid.uuid4().hex}"
        results = [guard.rate_hit(None, "apply:submit", 3, who=who) for _ in range(5)]
        assert results == [True, True, True, False, False]
        assert guard.rate_exhausted(None, "apply:submit", 3, who=who)
        guard.rate_reset(None, "apply:submit", who=who)
        assert not guard.rate_exhausted(None, "apply:submit", 3, who=who)


def test_simultaneous_attempts_in_threads_let_exactly_the_limit_through():
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: guard.rate_hit(None, "t", 5, who="threads"), range(40)))
    assert results.count(True) == 5


def test_a_refused_attempt_does_not_use_up_the_allowance():
    for _ in range(3):
        assert guard.rate_hit(None, "t", 3, who="refused")
    for _ in range(10):
        assert not guard.rate_hit(None, "t", 3, who="refused")
    guard.rate_reset(None, "t", who="refused")
    assert guard.rate_hit(None, "t", 3, who="refused")


def test_the_window_slides_the_previous_hour_still_counts(time_machine):
    time_machine.move_to("2026-03-02T10:00:00+08:00", tick=False)
    for _ in range(10):
        assert guard.rate_hit(None, "slide", 10, who="a")
    # Half an hour into the next fixed hour, half of the last hour's ten still weigh.
    time_machine.move_to("2026-03-02T11:30:00+08:00", tick=False)
    allowed = sum(guard.rate_hit(None, "slide", 10, who="a") for _ in range(10))
    assert allowed == 5
    time_machine.move_to("2026-03-02T13:00:01+08:00", tick=False)
    assert guard.rate_hit(None, "slide", 10, who="a")


# --- The challenge -----------------------------------------------------------------------------


def _solve(challenge: guard.Challenge) -> int:
    a, op, b = challenge.question.removesuffix(" 等于几？").split(" ")
    return int(a) + int(b) if op == "加" else int(a) - int(b)


def test_a_solved_challenge_is_accepted_once():
    challenge = guard.challenge_new("message:SX120")
    answer = _solve(challenge)
    assert guard.challenge_check(challenge.token, answer, "message:SX120") is None
    assert guard.challenge_check(challenge.token, answer, "message:SX120") == guard.CHALLENGE_USED


def test_a_challenge_is_bound_to_the_form_it_was_issued_for():
    challenge = guard.challenge_new("message:SX120")
    answer = _solve(challenge)
    assert guard.challenge_check(challenge.token, answer, "apply:SX120") == guard.CHALLENGE_MISSING
    assert (
        guard.challenge_check(challenge.token, answer, "message:SX130") == guard.CHALLENGE_MISSING
    )
    # Not used up by the refusals: still good for its own form.
    assert guard.challenge_check(challenge.token, answer, "message:SX120") is None


def test_a_wrong_answer_does_not_consume_the_challenge_but_says_wrong():
    challenge = guard.challenge_new("apply:SX120")
    answer = _solve(challenge)
    assert (
        guard.challenge_check(challenge.token, answer + 1, "apply:SX120") == guard.CHALLENGE_WRONG
    )
    assert guard.challenge_check("garbage", answer, "apply:SX120") == guard.CHALLENGE_MISSING


def test_simultaneous_replays_of_one_answer_are_accepted_once():
    challenge = guard.challenge_new("apply:SX120")
    answer = _solve(challenge)
    barrier = threading.Barrier(8)

    def claim(_):
        barrier.wait()
        return guard.challenge_check(challenge.token, answer, "apply:SX120")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(claim, range(8)))
    assert results.count(None) == 1


@needs_redis
def test_a_challenge_used_on_one_node_is_used_on_another():
    with override_settings(CACHES={"default": cache_from_url(REDIS_URL)}):
        challenge = guard.challenge_new("apply:SX120")
        assert guard.challenge_check(challenge.token, _solve(challenge), "apply:SX120") is None
    # Another node: same Redis, its own connection.
    with override_settings(CACHES={"default": cache_from_url(REDIS_URL)}):
        assert (
            guard.challenge_check(challenge.token, _solve(challenge), "apply:SX120")
            == guard.CHALLENGE_USED
        )


# --- One message per submission key -----------------------------------------------------------

SETUP = """
from gongkai.org.models import Agency
Agency.objects.create(name="示例县交通运输局", code="SX120", level="county", kind="department")
"""
#: A citizen's browser in its own process: waits for the common start, then posts.
POSTER = """
import django, sys, time
django.setup()
from gongkai.interaction import services
from gongkai.org.models import Agency
agency = Agency.objects.get(code="SX120")
data = {"kind": "consultation", "title": "公交线路咨询", "content": "请问3路公交车何时恢复？",
        "asker_name": "张三", "asker_phone": "13912345678", "asker_email": "", "wants_private": False}
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
message, created = services.message_submit(agency=agency, data=data, submission_key="k" * 32)
print(message.pk)
"""
COUNT = """
from gongkai.interaction.models import Message
print(Message.objects.filter(submission_key="k" * 32).count())
"""


def _python(env, code, *args):
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


@pytest.mark.django_db
def test_eight_simultaneous_posts_with_one_key_store_one_message(fresh_database):
    env = fresh_database
    subprocess.run(
        [sys.executable, "-m", "gongkai", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )
    _python(env, "import django; django.setup()\n" + SETUP)
    start = str(time.time() + 4)
    posters = [
        subprocess.Popen(
            [sys.executable, "-c", POSTER, start],
            env={**env, "DJANGO_SETTINGS_MODULE": "gongkai.settings"},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    pks = set()
    for poster in posters:
        out, err = poster.communicate(timeout=300)
        assert poster.returncode == 0, err
        pks.add(out.strip())
    assert _python(env, "import django; django.setup()\n" + COUNT).strip() == "1"
    assert len(pks) == 1  # every click was answered with the one message


def test_the_disk_cache_keeps_its_connections_between_requests(tmp_path):
    """Django closes caches when a request finishes; reopening diskcache's SQLite shards cost
    0.6 ms a page, so the disk cache keeps them (per thread; a forked process opens its own)."""
    from django.core.cache import close_caches  # what Django runs when a request finishes

    def connections(cache):
        shards = cache._cache._shards
        return [getattr(shard._local, "con", None) for shard in shards]

    with override_settings(CACHES={"default": cache_from_url(f"disk:{tmp_path}")}):
        from django.core.cache import cache

        cache.set("k", "v")
        before = connections(cache)
        assert any(before)
        close_caches()
        assert cache.get("k") == "v"
        assert connections(cache) == before
        # A forked worker does not use its parent's connection.
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                found = cache.get("k")
                shards = cache._cache._shards
                mine = [s._local.con for s in shards if getattr(s._local, "pid", 0) == os.getpid()]
                ok = found == "v" and mine and not any(c in before for c in mine)
                os.write(write, b"1" if ok else b"0")
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        assert os.read(read, 1) == b"1"
