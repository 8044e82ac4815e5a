"""One external link, asked over HTTP the polite way: HEAD, then GET when HEAD is refused.

No Django here. Every hop of a redirect chain is resolved first and refused when it lands on a
private, loopback or link-local address (unless allowed): a link in a published item must not
make the server probe the intranet (SSRF). The connection then goes to the address that was
checked, not to a second look-up of the name, so the name cannot change its answer in between.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.exceptions import HTTPError as Urllib3Error

REDIRECTS = {301, 302, 303, 307, 308}
#: HEAD answers that mean "ask with GET": HEAD refused (405, 501), forbidden to robots (403), or
#: any other error — many servers answer HEAD wrongly, and a GET costs little next to a false alarm.
HEAD_RETRY_FROM = 400


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    final_url: str = ""  # where a redirect chain ended, if not where it began
    problem: str = ""  # a Link.Problem value
    error: str = ""  # what is wrong, in Chinese


BAD_URL = Outcome(False, problem="bad_url", error="链接地址格式错误")
PRIVATE = Outcome(
    False, problem="private", error="链接指向内网或本机地址，公众无法访问（出于安全考虑未检查）"
)


class HostPacer:
    """At least ``interval`` seconds between the starts of two requests to one host, whichever
    thread sends them."""

    def __init__(self, interval: float):
        self.interval = interval
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self._guard:
            lock = self._locks[host]
        with lock:
            last = self._last.get(host)
            if last is not None:
                delay = last + self.interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            self._last[host] = time.monotonic()


@dataclass(frozen=True)
class Prober:
    user_agent: str
    timeout: float = 10
    max_redirects: int = 5
    allow_private: bool = False
    pacer: HostPacer | None = None
    resolve: Callable = socket.getaddrinfo

    def check(self, url: str) -> Outcome:
        current = url
        for _hop in range(self.max_redirects + 1):
            outcome, location = self._one(current)
            if location is None:
                final = current if current != url else ""
                return Outcome(
                    outcome.ok, outcome.status_code, final, outcome.problem, outcome.error
                )
            current = urljoin(current, location)
        return Outcome(
            False,
            None,
            current,
            "redirects",
            f"重定向次数过多（超过{self.max_redirects}次）",
        )

    def _one(self, url: str) -> tuple[Outcome, str | None]:
        """One hop: the outcome, and where it redirects to (None: it does not)."""
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return BAD_URL, None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return BAD_URL, None
        host = parts.hostname
        try:
            addresses = self._addresses(host, port)
        except UnicodeError:
            return BAD_URL, None
        except OSError:  # socket.gaierror, or no address at all
            return Outcome(False, problem="dns", error="域名无法解析"), None
        if not self.allow_private and not all(is_public_address(a) for a in addresses):
            return PRIVATE, None
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc.rpartition("@")[2],
            "User-Agent": self.user_agent,
            "Accept": "*/*",
            "Accept-Language": "zh-CN,zh;q=0.9",
        }
        for address in addresses:  # the next address only when this one cannot be reached
            status, location, failure = self._at(parts.scheme, address, port, host, target, headers)
            if failure is None or failure.problem != "connect":
                break
        if failure is not None:
            return failure, None
        if status in REDIRECTS and location:
            return Outcome(True, status), location
        if 200 <= status < 300:
            return Outcome(True, status), None
        return Outcome(False, status, problem="http", error=http_error_text(status)), None

    def _addresses(self, host: str, port: int) -> list[str]:
        infos = self.resolve(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            raise OSError("no address")
        return addresses

    def _at(self, scheme, address, port, host, target, headers):
        """HEAD, then GET if HEAD was refused or answered with an error, at one address."""
        pool = self._pool(scheme, address, port, host)
        try:
            status, location, failure = self._ask(pool, "HEAD", host, target, headers)
            if (failure is None and status >= HEAD_RETRY_FROM) or (
                failure is not None and failure.problem == "protocol"
            ):
                status, location, failure = self._ask(pool, "GET", host, target, headers)
            return status, location, failure
        finally:
            pool.close()

    def _pool(self, scheme: str, address: str, port: int, host: str):
        timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
        if scheme == "https":
            return urllib3.HTTPSConnectionPool(
                address,
                port,
                timeout=timeout,
                retries=False,
                maxsize=1,
                cert_reqs="CERT_REQUIRED",
                assert_hostname=host,
                server_hostname=host,
            )
        return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False, maxsize=1)

    def _ask(self, pool, method: str, host: str, target: str, headers: dict):
        """(status, Location, failure): the body of a GET is never read."""
        if self.pacer is not None:
            self.pacer.wait(host)
        try:
            response = pool.urlopen(
                method,
                target,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
        except (ConnectTimeoutError, ReadTimeoutError, NewConnectionError, SSLError) as exc:
            return None, None, _failure(exc, self.timeout)
        except ValueError:  # http.client's InvalidURL, urllib3's LocationParseError
            return None, None, BAD_URL
        except (ProtocolError, Urllib3Error, OSError):
            return None, None, Outcome(False, problem="protocol", error="服务器响应异常")
        try:
            return response.status, response.headers.get("Location"), None
        finally:
            response.close()


def _failure(exc: Exception, timeout: float) -> Outcome:
    # NewConnectionError is a ConnectTimeoutError in urllib3 2: ask it first.
    if isinstance(exc, NewConnectionError):
        return Outcome(False, problem="connect", error="无法连接到服务器")
    if isinstance(exc, SSLError):
        return Outcome(False, problem="tls", error="HTTPS证书无效或加密连接失败")
    return Outcome(False, problem="timeout", error=f"链接超时（{timeout:g}秒内无响应）")


def http_error_text(status: int) -> str:
    if status == 404:
        return "外部链接无法访问（HTTP 404，页面不存在）"
    if status in (401, 403):
        return f"外部链接拒绝访问（HTTP {status}）"
    if status >= 500:
        return f"外部链接所在网站出错（HTTP {status}）"
    return f"外部链接无法访问（HTTP {status}）"


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, shared, reserved and multicast addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
