"""What stands between a public form (or the login form) and a flood of robots: one piece that the
online application, the 留言 form, the API and the login page all use, so that a fix lands once.

- **Rate limits** count in the shared cache (``GONGKAI_CACHE_URL``: a disk cache under var/ that
  every worker on the machine shares, or Redis for several machines), with atomic increments, so
  a limit of 10 an hour is 10 whatever the number of workers or nodes. The window slides: the
  previous hour's count weighs in proportion to how much of it still lies within the last hour.
- **The challenge** is arithmetic in Chinese, answered without JavaScript or a session. Its token
  is signed and names the form it was issued for; an answer is accepted once (the nonce is
  consumed in the shared cache), so a solved challenge cannot be replayed, here or on another form.
- **The submission key** makes a double click or a refresh give the same record: the form carries
  a random key, and the record's table has a unique constraint on (agency, key).
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from .request_context import client_ip

# --- Rate limits ----------------------------------------------------------------------------

HOUR = 3600


def _address(request) -> str:
    return client_ip(request) or "unknown"


def _keys(scope: str, who: str, window: int, now: float) -> tuple[str, str, float]:
    slot = int(now // window)
    base = f"gongkai:rate:{scope}:{window}:{who}"
    return f"{base}:{slot}", f"{base}:{slot - 1}", (now % window) / window


def _previous_weight(cache_key: str, elapsed: float) -> float:
    """The part of the previous window's count that still falls within the sliding window."""
    return (cache.get(cache_key) or 0) * (1.0 - elapsed)


def rate_hit(
    request, scope: str, limit: int, *, window: int = HOUR, who: str | None = None
) -> bool:
    """Count one attempt by this address (or ``who``) in ``scope``; False, and not counted, once
    ``limit`` attempts were made within the last ``window`` seconds.

    The increment is atomic in the cache (disk cache, Redis), so simultaneous requests on several
    workers see distinct counts and exactly ``limit`` of them are let through.
    """
    who = who if who is not None else _address(request)
    current, previous, elapsed = _keys(scope, who, window, time.time())
    cache.add(current, 0, timeout=2 * window)
    try:
        count = cache.incr(current)
    except ValueError:  # expired between add and incr: start again
        cache.add(current, 0, timeout=2 * window)
        count = cache.incr(current)
    if count + _previous_weight(previous, elapsed) > limit:
        cache.decr(current)  # a refused attempt does not use up the allowance
        return False
    return True


def rate_exhausted(
    request, scope: str, limit: int, *, window: int = HOUR, who: str | None = None
) -> bool:
    """Whether the next attempt would be refused (nothing is counted)."""
    who = who if who is not None else _address(request)
    current, previous, elapsed = _keys(scope, who, window, time.time())
    return (cache.get(current) or 0) + _previous_weight(previous, elapsed) >= limit


def rate_reset(request, scope: str, *, window: int = HOUR, who: str | None = None) -> None:
    who = who if who is not None else _address(request)
    current, previous, _elapsed = _keys(scope, who, window, time.time())
    cache.delete_many([current, previous])


# --- The challenge ----------------------------------------------------------------------------

#: How long a challenge question may be answered.
CHALLENGE_SECONDS = 30 * 60
_SALT = "gongkai.guard.challenge"

CHALLENGE_MISSING = "请回答验证问题。"
CHALLENGE_EXPIRED = "验证问题已过期，请回答新的问题。"
CHALLENGE_WRONG = "验证问题回答不正确，请回答新的问题。"
CHALLENGE_USED = "验证问题已使用过，请回答新的问题。"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _answer_digest(purpose: str, nonce: str, answer: int) -> str:
    return salted_hmac(_SALT, f"{purpose}:{nonce}:{answer}").hexdigest()[:20]


def challenge_new(purpose: str) -> Challenge:
    """A question such as "3 加 4 等于几？" for the form named ``purpose`` (e.g. ``apply:SX120``).
    The signed token holds a keyed digest of the answer (not the answer) and the purpose."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        question, answer = f"{a} 加 {b} 等于几？", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{a} 减 {b} 等于几？", a - b
    nonce = secrets.token_hex(12)
    token = signing.dumps(
        {"p": purpose, "n": nonce, "d": _answer_digest(purpose, nonce, answer)}, salt=_SALT
    )
    return Challenge(question, token)


def challenge_check(token: str, answer: int | None, purpose: str) -> str | None:
    """None if ``answer`` is right for a fresh token issued for ``purpose`` that nobody used
    before (it is used up now); otherwise the message to show."""
    try:
        payload = signing.loads(token or "", salt=_SALT, max_age=CHALLENGE_SECONDS)
    except signing.SignatureExpired:
        return CHALLENGE_EXPIRED
    except signing.BadSignature:
        return CHALLENGE_MISSING
    if not isinstance(payload, dict) or payload.get("p") != purpose:
        return CHALLENGE_MISSING
    nonce = str(payload.get("n", ""))
    if answer is None or not hmac.compare_digest(
        str(payload.get("d", "")), _answer_digest(purpose, nonce, answer)
    ):
        return CHALLENGE_WRONG
    # Single use: the first request to claim the nonce wins, on any worker or node.
    if not cache.add(f"gongkai:challenge:used:{nonce}", 1, timeout=CHALLENGE_SECONDS + 60):
        return CHALLENGE_USED
    return None


class ChallengeField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "验证问题")
        super().__init__(
            min_value=0,
            max_value=99,
            help_text="请用阿拉伯数字回答，用于防止自动程序批量提交。",
            error_messages={
                "required": CHALLENGE_MISSING,
                "invalid": "请用阿拉伯数字回答验证问题。",
                "min_value": CHALLENGE_WRONG,
                "max_value": CHALLENGE_WRONG,
            },
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **kwargs,
        )


# --- Submission keys ----------------------------------------------------------------------------

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def valid_submission_key(key: str) -> bool:
    return bool(SUBMISSION_KEY.match(key or ""))


# --- The form pieces ----------------------------------------------------------------------------


class GuardedFormMixin(forms.Form):
    """A public form's submission key, challenge and honeypot. The form is built for one
    ``purpose`` (the challenge is bound to it); after validation a bound form gets a new
    question with ``reissue()``, everything else typed stays."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = ChallengeField(required=True)
    # Hidden with CSS: people never see it, naive robots fill it in.
    homepage = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, purpose: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.purpose = purpose
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())
            self.reissue()

    def reissue(self) -> None:
        """A new question; on a bound form the old answer is cleared."""
        self.challenge = challenge_new(self.purpose)
        self.fields["challenge_answer"].label = f"验证问题：{self.challenge.question}"
        self._bound_fields_cache.pop("challenge_answer", None)  # made during validation
        if self.is_bound:
            data = self.data.copy()
            data["challenge_token"] = self.challenge.token
            data["challenge_answer"] = ""
            self.data = data
        else:
            self.initial["challenge_token"] = self.challenge.token

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            raise forms.ValidationError("提交未成功，请刷新页面后重新填写。", code="honeypot")
        if "challenge_answer" not in self.errors:
            problem = challenge_check(
                self.data.get("challenge_token", ""), cleaned.get("challenge_answer"), self.purpose
            )
            if problem:
                self.add_error("challenge_answer", problem)
        return cleaned


# --- The submission, as every public form takes it ------------------------------------------------


@dataclass
class Submission:
    """What became of a POST: the record (new, or the one an earlier click with the same key
    made), or the form to show again with its status and notice."""

    record: object | None
    form: GuardedFormMixin | None = None
    status: int = 200
    notice: str = ""


def submit_guarded(
    request,
    *,
    form_class: type[GuardedFormMixin],
    form_kwargs: dict,
    existing: Callable[[str], object | None],
    allowed: Callable[[object], bool],
    create: Callable[[GuardedFormMixin, str], object],
    too_many: str,
) -> Submission:
    """A public form's POST: the same key gives the same record (a double click or a refresh);
    the address's rate limit; the challenge and the fields; then ``create(form, key)``, whose
    ValidationError is shown at the fields. The record's unique (agency, key) constraint makes
    simultaneous double submits one record (the service returns the existing one)."""
    data = request.POST.copy()
    key = data.get("submission_key", "")
    if valid_submission_key(key):
        found = existing(key)
        if found is not None:
            return Submission(found)
    else:
        data["submission_key"] = key = new_submission_key()
    form = form_class(data, **form_kwargs)
    if not allowed(request):
        form.is_valid()
        form.reissue()
        return Submission(None, form, 429, too_many)
    if form.is_valid():
        try:
            return Submission(create(form, key), form)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
    form.reissue()
    return Submission(None, form, 400)
