"""`gongkai serve`: slow clients do not freeze it, and each instance keeps to itself."""

import threading

import pytest
from django.core.management import CommandError, call_command

from .support import Served, site_env, slow_clients, timed_get


def test_slow_uploads_do_not_freeze_the_server(migrated_site, tmp_path):
    # Two sync workers were held by two request bodies that never finished: /healthz waited 30 s.
    env = site_env(migrated_site, GONGKAI_WORKERS="2")
    with Served(env, tmp_path / "serve.log") as server:
        held = slow_clients(server.port, 6)  # three times as many as there are worker processes
        try:
            for _ in range(3):
                seconds, answer = timed_get(f"{server.url}/healthz", timeout=2)
                assert answer is not None and answer.status == 200, (
                    f"/healthz did not answer within 2 s behind 6 slow uploads:\n{server.log()}"
                )
                assert seconds < 2
        finally:
            for sock in held:
                sock.close()
        assert "Using worker: gthread" in server.log()


def test_threads_per_worker_come_from_gongkai_threads(migrated_site, tmp_path):
    """One worker with 3 threads: 2 slow uploads leave a thread free, 3 take them all."""
    env = site_env(migrated_site, GONGKAI_WORKERS="1", GONGKAI_THREADS="3")
    with Served(env, tmp_path / "serve.log") as server:
        held = slow_clients(server.port, 2)
        try:
            _seconds, answer = timed_get(f"{server.url}/healthz", timeout=2)
            assert answer is not None and answer.status == 200
            held += slow_clients(server.port, 1)
            _seconds, answer = timed_get(f"{server.url}/healthz", timeout=2)
            assert answer is None, "a fourth request was answered: GONGKAI_THREADS=3 was ignored"
        finally:
            for sock in held:
                sock.close()


@pytest.mark.parametrize("option", ["workers", "threads"])
def test_a_worker_or_thread_count_that_is_not_a_positive_number_is_refused(option):
    with pytest.raises(CommandError, match="必须是正整数"):
        call_command("serve", **{option: "0"})


def test_two_instances_on_one_machine_share_no_control_socket(migrated_site, tmp_path):
    """gunicorn 27 puts a control socket at ~/.gunicorn/gunicorn.ctl for every instance of the
    same user: the second instance took the first one's. `gongkai serve` runs without one."""
    home = tmp_path / "home"
    home.mkdir()
    other_var = tmp_path / "other" / "var"
    first_env = site_env(migrated_site, HOME=str(home))
    second_env = site_env(other_var, HOME=str(home))
    with (
        Served(first_env, tmp_path / "first.log") as first,
        Served(second_env, tmp_path / "second.log") as second,
    ):
        assert timed_get(f"{first.url}/healthz", timeout=5)[1].status == 200
        assert timed_get(f"{second.url}/healthz", timeout=5)[1].status == 200
        assert not (home / ".gunicorn").exists()
        sockets = open("/proc/net/unix").read()
        for folder in (home, migrated_site, other_var):
            assert str(folder) not in sockets, f"a control socket under {folder}"
        assert "control" not in first.log().lower() + second.log().lower()


def test_pdf_renderings_in_one_process_take_turns():
    """Threads share one process: WeasyPrint (not thread-safe) renders one document at a time."""
    html = pytest.importorskip("weasyprint", exc_type=OSError).HTML
    from gongkai.core import pdf

    rendered = []
    with pdf._lock:  # a rendering in progress in another thread
        thread = threading.Thread(
            target=lambda: rendered.append(pdf.write_pdf(html(string="<p>政府信息公开</p>")))
        )
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive() and not rendered
    thread.join(timeout=60)
    assert rendered and rendered[0].startswith(b"%PDF")
