"""Every staff page, as each demo person reaches it: signed in as them, a crawler follows every
link and submits every form the pages offer (with what the form shows), on the demo county.

- No page, link or form answers 5xx (a 500 on 更正 went unnoticed while its service was tested).
- Every staff URL is reached by somebody, through a link or a button: a step that no page offers
  is a defect, not a feature.
"""

from collections import defaultdict, deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse

from gongkai.accounts.models import User

pytestmark = pytest.mark.django_db

PEOPLE = [
    "xiaoli",
    "laowang",
    "laochen",
    "liufj",
    "zhoujz",
    "xiaolin",
    "zhoumin",
    "zhaozr",
    "sunzr",
    "sysadmin",
    "secadmin",
    "auditor",
]
#: Paths per URL name a crawl visits (the same view with other objects adds little).
PER_NAME = 3
#: Forms not submitted: signing out ends the crawl's session.
NOT_SUBMITTED = {"accounts:logout"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=StringIO())
        background_states()
        yield
        transaction.set_rollback(True)


def background_states() -> None:
    """What background work leaves for people to see: a roll-up 孙主任 asked for and that was
    built, and a task whose last attempt failed (the 系统管理员's 后台任务 page offers 重新执行)."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from gongkai.core import exports
    from gongkai.org.models import Agency

    export = exports.request(
        kind="annual_reports.rollup",
        title="汇总表",
        params={"agency": Agency.objects.get(code="SX000").pk, "year": 2025},
        by=User.objects.get(username="sunzr"),
    )
    exports.build_export.call(str(export.pk))
    now = timezone.now()
    DBTaskResult.objects.create(
        task_path="gongkai.annual_reports.tasks.fetch_report_addresses",
        args_kwargs={"args": [], "kwargs": {"_attempt": 4}},
        status="FAILED",
        backend_name="default",
        run_after=now,
        finished_at=now,
        exception_class_path="builtins.TimeoutError",
        traceback="TimeoutError: 下载超时",
    )


class Page(HTMLParser):
    """Links and forms (with the values a browser would send) of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            return
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action")}
            self._form["data"] = {}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        data = self._form["data"]
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    data[name] = a.get("value", "on")
            elif kind not in ("file", "button", "reset", "image"):
                if kind != "submit" or name not in data:
                    data[name] = a.get("value", "")
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            data.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea] += data


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlparse(path).path)
    except Resolver404:
        return None
    return match.view_name


def staff_url_names() -> set[str]:
    names = set()

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            else:
                yield prefix + str(p.pattern), f"{namespace}{p.name}"

    for route, name in walk(get_resolver().url_patterns):
        if route.startswith("staff/"):
            names.add(name)
    return names


def one_of_each_state() -> list[str]:
    """The page of one record in every state (and with every kind of file), so that what a
    page offers only in some state is seen; the crawl decides who may open them."""
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.applications.models import Application
    from gongkai.interaction.models import Message, Proposal
    from gongkai.publishing.models import InformationItem
    from gongkai.workplans.models import ProgressReport

    paths = []
    for model, name in [
        (Application, "applications:detail"),
        (Message, "interaction:message_detail"),
        (InformationItem, "publishing:item_detail"),
    ]:
        for status in model.objects.values_list("status", flat=True).distinct():
            found = model.objects.filter(status=status).order_by("pk").first()
            paths.append(reverse(name, args=[found.pk]))
    extra = [
        ("applications:detail", Application.objects.filter(appeals__isnull=False)),
        ("interaction:message_detail", Message.objects.filter(is_published=True)),
        ("interaction:proposal_detail", Proposal.objects.exclude(answer_document="")),
        ("interaction:proposal_detail", Proposal.objects.filter(item__isnull=True)),
        ("publishing:item_detail", InformationItem.objects.filter(attachments__isnull=False)),
        (
            "publishing:item_detail",
            InformationItem.objects.filter(
                status__in=["draft", "returned"], attachments__isnull=False
            ),
        ),
        ("annual_reports:detail", AnnualReport.objects.all()),
    ]
    for name, found in extra:
        for record in found.order_by("pk").distinct()[:2]:
            paths.append(reverse(name, args=[record.pk]))
    from gongkai.core.models import Export

    for export in Export.objects.order_by("pk")[:2]:
        paths.append(reverse("exports:detail", args=[export.pk]))
    for report in ProgressReport.objects.exclude(attachment="").order_by("pk")[:1]:
        paths.append(reverse("workplans:task", args=[report.task_id]))
    return paths


def crawl(username: str, reached: dict, broken: list) -> None:
    """Breadth first from the workbench and from one record in every state, a few paths per URL
    name; then every link that was offered but not yet followed is followed once."""
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    seen_paths: set[str] = set()
    per_name: dict[str, int] = defaultdict(int)
    queue = deque(["/staff/"])
    forms: list[tuple[str, dict, str]] = []
    offered_links: dict[str, str] = {}

    def get(path: str) -> None:
        name = url_name(path)
        seen_paths.add(path)
        per_name[name] += 1
        response = client.get(path)
        if response.status_code >= 500:
            broken.append((username, "GET", path, response.status_code))
            return
        if response.status_code in (301, 302) and response["Location"].startswith("/staff/"):
            queue.append(response["Location"])  # e.g. the 审计管理员's /staff/ is the audit log
            return
        if response.status_code != 200:
            return
        reached[name].add(username)
        if "html" not in response.get("Content-Type", ""):
            return
        page = Page()
        page.feed(response.content.decode())
        for href in page.links:
            target = urljoin(path, href)
            parsed = urlparse(target)
            if parsed.netloc or not parsed.path.startswith("/staff/"):
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            queue.append(target)
            offered_links.setdefault(url_name(target) or "", target)
        for form in page.forms:
            action = urlparse(urljoin(path, form["action"] or path))
            if not action.path.startswith(("/staff/", "/accounts/")):
                continue
            if form["method"] == "post":
                forms.append((action.path, form["data"], path))
            else:
                query = "&".join(f"{k}={v}" for k, v in form["data"].items() if k)
                queue.append(f"{action.path}?{query}")

    def drain() -> None:
        while queue:
            path = queue.popleft()
            name = url_name(path)
            if path in seen_paths or name is None or per_name[name] >= PER_NAME:
                continue
            get(path)

    drain()
    for path in one_of_each_state():  # beyond the cap: one record in every state
        if path not in seen_paths:
            get(path)
    drain()
    for name, path in list(offered_links.items()):
        if name and name not in reached and path not in seen_paths:
            get(path)
    submitted: dict[str, int] = defaultdict(int)
    for action, data, origin in forms:
        name = url_name(action)
        if name is None or name in NOT_SUBMITTED or submitted[name] >= PER_NAME:
            continue
        submitted[name] += 1
        reached[name].add(username)
        response = client.post(action, data, HTTP_REFERER=origin)
        if response.status_code >= 500:
            broken.append((username, "POST", action, response.status_code))


def test_every_staff_page_link_and_form_works_for_everyone_and_is_offered(demo):
    reached: dict[str, set[str]] = defaultdict(set)
    broken: list = []
    for username in PEOPLE:
        crawl(username, reached, broken)
    assert not broken, broken
    never = sorted(staff_url_names() - set(reached))
    assert not never, f"staff URLs that no page offers to anybody: {never}"
