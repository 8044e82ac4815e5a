"""Who is acting, and from where, for the code that runs during one request or command.

The audit log and the structured logs read this instead of threading the request through every
call. Management commands name an actor of their own with ``acting_as``.
"""

from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    ip: str | None
    request_id: str


_request: contextvars.ContextVar = contextvars.ContextVar("gongkai_request", default=None)
_command: contextvars.ContextVar = contextvars.ContextVar("gongkai_command", default=None)


def current_actor() -> Actor:
    """The person (or command) on whose behalf the current code runs."""
    request = _request.get()
    if request is not None:
        user = getattr(request, "user", None)
        # request.user is set by AuthenticationMiddleware; before it, the actor is anonymous.
        if user is not None and user.is_authenticated:
            user_id, username = user.pk, user.get_username()
        else:
            user_id, username = None, ""
        return Actor(user_id, username, client_ip(request), request.gongkai_request_id)
    command = _command.get()
    if command is not None:
        return command
    return Actor(None, "系统", None, "")


def enter_request(request) -> contextvars.Token:
    request.gongkai_request_id = uuid.uuid4().hex[:16]
    return _request.set(request)


def leave_request(token: contextvars.Token) -> None:
    _request.reset(token)


@contextmanager
def acting_as(username: str, user_id: int | None = None):
    """Attribute what a command does to ``username`` (e.g. ``命令:demo``) in the audit log."""
    token = _command.set(Actor(user_id, username, None, uuid.uuid4().hex[:16]))
    try:
        yield
    finally:
        _command.reset(token)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the entry that the trusted proxies appended."""
    proxies = getattr(settings, "GONGKAI_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
