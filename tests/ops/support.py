"""Running Gongkai the way an operator does: commands and ``gongkai serve`` as subprocesses.

Settings are read at import, so a site with its own var/ (and database) is a process with its own
environment: GONGKAI_VAR_DIR, DATABASE_URL.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """A production-like environment for one site: nothing inherited from the test settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GONGKAI_", "DJANGO_"))
        and key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "XDG_RUNTIME_DIR"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        GONGKAI_VAR_DIR=str(var_dir),
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def gongkai(*args: str, env: dict[str, str], check: bool = True, timeout: float = 600):
    """``gongkai ARGS…`` in that environment; fails the test with its output unless ``check=False``."""
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"gongkai {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done


class Served:
    """``gongkai serve`` on a free port, in its own process group; stopped (group and all) on exit."""

    def __init__(self, env: dict[str, str], log: Path, port: int | None = None):
        self.env = env
        self.log_path = log
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Served:
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", "--port", str(self.port)],
            env=self.env,
            cwd=PROJECT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_http(f"{self.url}/healthz", self.process, self.log_path)
        return self

    def __exit__(self, *exc) -> None:
        stop_group(self.process)
        self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def stop_group(process: subprocess.Popen | None) -> None:
    """TERM the process group this test started (the server and its workers), then KILL."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url}: the server exited {process.returncode}:\n{tail(log)}")
        try:
            if get(url, timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def request(
    method: str,
    url: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
    source: str | None = None,
) -> Response:
    """One HTTP request on a fresh connection (no redirects followed), from the loopback address
    ``source`` if given (127.0.0.0/8 is all loopback: a way to be another client)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


def get(url: str, **kwargs) -> Response:
    return request("GET", url, **kwargs)


def slow_clients(port: int, count: int, path: str = "/api/v1/applications") -> list[socket.socket]:
    """Clients that announce a body (Content-Length) and send only its first bytes, then stall.

    The API reads the body (no CSRF cookie needed), so the server waits on each of them."""
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n".encode()
            + b'{"agency": "'
        )
        held.append(sock)
    return held


def timed_get(url: str, timeout: float) -> tuple[float, Response | None]:
    """Seconds until the answer (or the timeout) and the response, None when there was none."""
    started = time.monotonic()
    try:
        response = get(url, timeout=timeout)
    except OSError:
        return time.monotonic() - started, None
    return time.monotonic() - started, response
