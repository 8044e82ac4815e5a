"""The documented limits hold for the whole site, not per worker: `gongkai serve` with two
workers lets exactly GONGKAI_APPLICATION_RATE applications an hour through from one address (the
count lives in the shared disk cache), and two nodes sharing a Redis do the same between them."""

import json
import os
import uuid

import pytest

from .support import Served, gongkai, request, site_env

SETUP = (
    "from gongkai.org.models import Agency; "
    "Agency.objects.create(name='示例县交通运输局', code='SX120', level='county', kind='department')"
)
REDIS_URL = os.environ.get("GONGKAI_TEST_REDIS_URL")


def application(n: int) -> bytes:
    return json.dumps(
        {
            "agency": "SX120",
            "submission_key": f"limit-test-{n:04d}-abcdefgh",
            "channel": "platform",
            "applicant_type": "natural",
            "name": "张三",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13912345678",
            "description": f"2026年农村公路养护计划（第{n}份）",
            "form_wanted": "email",
            "delivery": "email",
            "email": "zhangsan@example.com",
        },
        ensure_ascii=False,
    ).encode()


@pytest.fixture
def site(tmp_path):
    env = site_env(tmp_path / "var", GONGKAI_APPLICATION_RATE="3")
    gongkai("migrate", "--noinput", "-v0", env=env)
    gongkai("shell", "-c", SETUP, env=env)
    return env


def post(url: str, n: int) -> int:
    headers = {"Content-Type": "application/json"}
    return request("POST", f"{url}/api/v1/applications", application(n), headers=headers).status


def test_two_workers_let_exactly_the_hourly_limit_through(site, tmp_path):
    with Served({**site, "GONGKAI_WORKERS": "2"}, tmp_path / "serve.log") as server:
        statuses = [post(server.url, n) for n in range(10)]
    assert statuses.count(201) == 3, statuses
    assert statuses.count(429) == 7, statuses


@pytest.mark.skipif(not REDIS_URL, reason="!!! no redis-server (make test starts one) !!!")
def test_two_nodes_sharing_redis_let_exactly_the_hourly_limit_through(site, tmp_path):
    # A prefix of its own: both legs of make test share one Redis.
    env = {**site, "GONGKAI_CACHE_URL": REDIS_URL, "GONGKAI_CACHE_PREFIX": uuid.uuid4().hex}
    with (
        Served(env, tmp_path / "a.log") as node_a,
        Served(env, tmp_path / "b.log") as node_b,
    ):
        statuses = [post((node_a, node_b)[n % 2].url, n) for n in range(10)]
    assert statuses.count(201) == 3, statuses
