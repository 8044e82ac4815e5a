"""严重表述错误 in the titles and public bodies of the agency's published items: the listed wrong
phrases (WrongPhrase, kept in /admin/) and wrong forms of the platform's agency names."""

from __future__ import annotations

from django.urls import reverse

from gongkai.org.models import Agency
from gongkai.publishing.choices import Disclosure
from gongkai.publishing.models import InformationItem

from ..base import Context, Found, Kind, indicator
from ..content import WrongPhrase
from ..extract import html_text
from ..wording import AgencyName, NameChecker, PhraseMatcher, normalise, region_of

DEFAULTS = {"wrong_wording_points": 1}
BATCH = 1000


def phrase_matcher() -> PhraseMatcher:
    return PhraseMatcher(
        WrongPhrase.objects.filter(is_active=True).values_list("wrong", "correct", "note")
    )


def name_checker() -> NameChecker:
    """Every agency's official name with its region (its nearest government's place name)."""
    rows = {
        pk: (name, short, parent, kind)
        for pk, name, short, parent, kind in Agency.objects.values_list(
            "pk", "name", "short_name", "parent_id", "kind"
        )
    }

    def government(pk: int | None) -> str:
        for _ in range(20):  # the hierarchy is shallow; never loop on a bad parent chain
            if pk is None:
                break
            name, _short, parent, kind = rows[pk]
            if kind == Agency.Kind.GOVERNMENT or name.endswith("人民政府"):
                return name
            pk = parent
        return ""

    agencies = [
        AgencyName(name, region_of(name, government(pk))) for pk, (name, *_rest) in rows.items()
    ]
    others = [short for _name, short, *_rest in rows.values() if short]
    return NameChecker(agencies, others)


def wrong_in(text: str, phrases: PhraseMatcher, names: NameChecker) -> list:
    text = normalise(text)
    return phrases.find(text) + names.find(text)


@indicator(
    "wrong_wording",
    "严重表述错误",
    Kind.DEDUCT,
    basis="政府网站检查：严重错别字、错误表述（法规全称、机构名称、重要论述的规范表述）",
    points="wrong_wording_points",
    cap="indicator_cap",
)
def wrong_wording(ctx: Context):
    """One finding per public item whose title or public body holds a wrong form."""
    phrases, names = phrase_matcher(), name_checker()
    items = InformationItem.objects.published().filter(agency=ctx.agency).order_by("pk")
    rows = items.values_list("pk", "title", "body", "redacted_body", "disclosure")
    for pk, title, body, redacted, disclosure in rows.iterator(chunk_size=BATCH):
        public_body = redacted if disclosure == Disclosure.REDACTED else body
        text = html_text(public_body)
        found = {w.found: w for w in wrong_in(title, phrases, names)}
        in_body = [w for w in wrong_in(text, phrases, names) if w.found not in found]
        places = []
        if found:
            places.append("标题：" + "；".join(w.describe() for w in found.values()))
        if in_body:
            unique = list({w.found: w for w in in_body}.values())
            places.append("正文：" + "；".join(w.describe() for w in unique))
        if places:
            yield Found(
                key=f"item:{pk}",
                object=title[:300],
                detail="含严重表述错误。" + "。".join(places) + "。",
                fix="按规范表述更正：已发布的信息由公开办在信息页面“更正”标题和正文。",
                url=reverse("portal:item", args=[ctx.agency.code, pk]),
                fix_url=reverse("publishing:item_detail", args=[pk]),
            )
