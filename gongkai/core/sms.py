"""Text messages (短信), sent through a pluggable backend as Django sends e-mail through its own.

``GONGKAI_SMS_BACKEND`` is the dotted path of a class with ``send_messages(messages) -> int``
(the number sent), constructed with ``fail_silently``:

* ``gongkai.core.sms.ConsoleBackend`` (the default): writes each message to stdout, the number
  masked — for trials and development, where nothing must leave the machine;
* ``gongkai.core.sms.HttpBackend``: the provincial SMS gateway (短信平台). Each message is one
  ``POST GONGKAI_SMS_URL`` with the JSON body ``{"to", "text", "sign"}`` and the header
  ``Authorization: Bearer GONGKAI_SMS_TOKEN``; any 2xx answer means the gateway accepted it.
  Anything else (an HTTP error, no answer within ``GONGKAI_SMS_TIMEOUT`` seconds, a refused
  connection) raises ``SmsError`` with a Chinese message, or is counted as not sent when
  ``fail_silently``;
* ``gongkai.core.sms.LocmemBackend``: keeps the messages in ``gongkai.core.sms.outbox`` (tests).

``sign`` is the 短信签名 registered with the gateway (``GONGKAI_SMS_SIGN``, by default the
platform's name).
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from .masks import mask_phone


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str
    sign: str = ""


class SmsError(Exception):
    """The gateway did not take a message; ``str(error)`` says why, in Chinese, without secrets."""


class BaseSmsBackend:
    def __init__(self, fail_silently: bool = False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        """Send the messages; return how many were sent."""
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Writes each message to a stream (stdout by default) instead of sending it."""

    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        for message in messages:
            sign = f"【{message.sign}】" if message.sign else ""
            self.stream.write(f"[短信] {mask_phone(message.to)}：{sign}{message.text}\n")
        self.stream.flush()
        return len(messages)


#: Messages "sent" through the LocmemBackend, for tests (like django.core.mail.outbox).
outbox: list[SmsMessage] = []


class LocmemBackend(BaseSmsBackend):
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


class HttpBackend(BaseSmsBackend):
    """The provincial SMS gateway over HTTP(S): one JSON POST per message."""

    def __init__(self, *args, url=None, token=None, timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = url if url is not None else settings.GONGKAI_SMS_URL
        self.token = token if token is not None else settings.GONGKAI_SMS_TOKEN
        self.timeout = timeout if timeout is not None else settings.GONGKAI_SMS_TIMEOUT

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        sent = 0
        for message in messages:
            try:
                self._post(message)
            except SmsError:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def _post(self, message: SmsMessage) -> None:
        if not self.url.startswith(("https://", "http://")):
            raise SmsError("未设置短信网关地址（GONGKAI_SMS_URL，应以 https:// 开头）。")
        body = {"to": message.to, "text": message.text, "sign": message.sign}
        request = urllib.request.Request(  # noqa: S310 (http/https only: checked above)
            self.url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read(65536)
        except urllib.error.HTTPError as exc:
            detail = exc.read(200).decode("utf-8", "replace").strip()
            raise SmsError(
                f"短信网关返回 HTTP {exc.code}" + (f"：{detail}" if detail else "") + "。"
            ) from None
        except TimeoutError:
            raise SmsError(f"短信网关在{self.timeout:g}秒内没有响应。") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise SmsError(f"短信网关在{self.timeout:g}秒内没有响应。") from None
            raise SmsError(f"无法连接短信网关：{exc.reason}。") from None
        except OSError as exc:  # reset while reading the answer, and the like
            raise SmsError(f"短信网关连接中断：{exc}。") from None


def get_connection(backend: str | None = None, fail_silently: bool = False, **kwargs):
    """An instance of the configured backend (or of ``backend``, a dotted path)."""
    return import_string(backend or settings.GONGKAI_SMS_BACKEND)(
        fail_silently=fail_silently, **kwargs
    )


def send_sms(to: str, text: str, *, sign: str | None = None, fail_silently=False, connection=None):
    """Send one message; 1 if the backend took it, 0 otherwise (or SmsError, unless silenced)."""
    connection = connection or get_connection(fail_silently=fail_silently)
    if sign is None:
        sign = settings.GONGKAI_SMS_SIGN
    return connection.send_messages([SmsMessage(to=to, text=text, sign=sign)])
