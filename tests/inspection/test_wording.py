"""严重表述错误: the listed wrong phrases and wrong forms of the platform's agency names, in the
titles and public bodies of published items."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.inspection.base import REGISTRY, Context, Kind
from gongkai.inspection.content import WrongPhrase
from gongkai.inspection.indicators.wrong_wording import name_checker, wrong_wording
from gongkai.inspection.wording import (
    AgencyName,
    NameChecker,
    PhraseMatcher,
    normalise,
    region_of,
    trie_pattern,
)
from gongkai.publishing import services
from tests.factories import AgencyFactory

TODAY = date(2026, 12, 3)


def test_one_trie_pattern_matches_the_longest_listed_phrase():
    pattern = re.compile(trie_pattern(["国务院", "国务院办公厅", "国家"]))
    assert pattern.findall("国务院办公厅、国务院和国家") == ["国务院办公厅", "国务院", "国家"]


def test_listed_phrases_are_found_whatever_the_width_of_their_brackets():
    matcher = PhraseMatcher(
        [
            ("政府信息公开条例（2008年修订）", "政府信息公开条例（2019年修订）", "2019年修订"),
            ("国务院办工厅", "国务院办公厅", "错别字"),
        ]
    )
    found = matcher.find(
        normalise("依据《中华人民共和国政府信息公开条例(2008年修订)》和国务院办工厅通知")
    )
    assert [w.correct for w in found] == ["政府信息公开条例（2019年修订）", "国务院办公厅"]
    assert found[1].describe() == "“国务院办工厅”应为“国务院办公厅”（错别字）"


# --- Agency names -------------------------------------------------------------------------------

TRANSPORT = AgencyName("示例县交通运输局", "示例县")
checker = NameChecker(
    [
        TRANSPORT,
        AgencyName("示例县人民政府", "示例县"),
        AgencyName("示例县水利局", "示例县"),
        AgencyName("示例县公安局", "示例县"),
    ]
)


def wrong_names(text):
    return [(w.found, w.correct) for w in checker.find(normalise(text))]


def test_a_name_one_character_off_an_agencys_name_is_flagged():
    assert wrong_names("示例县交通运输厅关于…的通知") == [("示例县交通运输厅", "示例县交通运输局")]
    assert wrong_names("经示例县交通运喻局研究") == [("示例县交通运喻局", "示例县交通运输局")]
    assert wrong_names("示例县人民正府办公室") == [("示例县人民正府", "示例县人民政府")]


def test_other_places_other_bodies_and_ordinary_words_are_not():
    assert wrong_names("示例县交通运输局、示例县人民政府") == []
    assert wrong_names("示例市人民政府、示范县交通运输局") == []  # another place
    assert wrong_names("示例县交通运输部门、示例县交通运输行业") == []  # words, not names
    assert wrong_names("示例县水务局") == []  # a body of its own
    assert wrong_names("示例县公路局") == []  # 公安局/公路局: too short to tell
    assert wrong_names("示例县人民政协") == []


def test_region_comes_from_the_agencys_government():
    assert region_of("示例县交通运输局", "示例县人民政府") == "示例县"
    assert region_of("白沙镇人民政府", "白沙镇人民政府") == "白沙镇"
    assert region_of("示例县公路事业发展中心", "") == "示例县"


# --- The indicator ------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_seeded_list_holds_clear_errors_only():
    wrong = set(WrongPhrase.objects.values_list("wrong", flat=True))
    assert {"国务院办工厅", "习近平新时代中国特色社会主意思想", "《政府信息公开条例》"} <= wrong
    assert "二十次三中全会" in wrong
    assert not {"十九大", "二十大", "党的二十大"} & wrong
    assert REGISTRY["wrong_wording"].kind == Kind.DEDUCT


@pytestmark_db
def test_published_titles_and_bodies_with_wrong_forms_are_findings(
    publish, catalogue, chain_people, draft_data
):
    AgencyFactory(name="示例县人民政府办公室", code="SX010", parent=catalogue.parent)
    item = publish(
        title="示例县交通运输厅关于学习贯彻习近平新时代中国特色社会主意思想的通知",
        body=(
            "<p>根据《政府信息公开条例》和国务院办工厅有关要求，"
            "示例县人民政府办公厅、示例县交通运输局：</p>"
        ),
    )
    clean = publish(
        title="关于学习贯彻习近平新时代中国特色社会主义思想的通知",
        body="<p>根据《中华人民共和国政府信息公开条例》，示例县交通运输部门……</p>",
    )
    services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(title="国务院办工厅草稿")
    )
    found = list(wrong_wording(Context(agency=catalogue, today=TODAY)))
    assert [f.key for f in found] == [f"item:{item.pk}"]
    [finding] = found
    assert "标题：“习近平新时代中国特色社会主意思想”应为“习近平新时代中国特色社会主义思想”" in (
        finding.detail
    )
    assert "“示例县交通运输厅”应为“示例县交通运输局”（与本平台机关的规范名称不一致）" in (
        finding.detail
    )
    assert "正文：“《政府信息公开条例》”应为“《中华人民共和国政府信息公开条例》”" in finding.detail
    assert "“国务院办工厅”应为“国务院办公厅”" in finding.detail
    assert "“示例县人民政府办公厅”应为“示例县人民政府办公室”" in finding.detail
    assert finding.url == reverse("portal:item", args=[catalogue.code, item.pk])
    assert finding.fix_url == reverse("publishing:item_detail", args=[item.pk])
    assert clean.pk not in [int(f.key.split(":")[1]) for f in found]
    # A phrase switched off in /admin/ is no longer looked for.
    WrongPhrase.objects.filter(wrong="国务院办工厅").update(is_active=False)
    [finding] = wrong_wording(Context(agency=catalogue, today=TODAY))
    assert "国务院办工厅" not in finding.detail


@pytestmark_db
def test_the_names_on_the_platform_are_checked_with_their_regions(catalogue):
    checker = name_checker()
    assert AgencyName("示例县交通运输局", "示例县") in checker.agencies
    assert checker.find("示例县交通运输厅")[0].correct == "示例县交通运输局"


@pytestmark_db
def test_the_system_admin_keeps_the_list_in_the_admin(sysadmin):
    client = Client()
    client.force_login(sysadmin)
    page = client.get("/admin/inspection/wrongphrase/")
    assert page.status_code == 200 and "国务院办工厅" in page.text
    response = client.post(
        "/admin/inspection/wrongphrase/add/",
        {"wrong": "国务院办公亭", "correct": "国务院办公厅", "note": "错别字", "is_active": "on"},
    )
    assert response.status_code == 302
    assert WrongPhrase.objects.filter(wrong="国务院办公亭").exists()
