"""Search finds what people type (issue 16): every way of writing a 文号 or 索引号, everyday words
for official ones both ways, the characters when the words match nothing — and the count shown
always agrees with what is listed. Runs on SQLite and on PostgreSQL (``make test`` runs both)."""

import pytest
from django.test import Client

from gongkai.publishing.models import InformationItem
from gongkai.search import indexer, keys, synonyms
from gongkai.search.models import Synonym
from gongkai.search.query import PAGE_SIZE, Filters, search
from tests.conftest import person

pytestmark = pytest.mark.django_db


def imported(item: InformationItem, doc_number: str) -> InformationItem:
    """An older document brought in as it was numbered then (the importer keeps the 文号 as is)."""
    InformationItem.objects.filter(pk=item.pk).update(doc_number=doc_number)
    item.refresh_from_db()
    indexer.index(item)
    return item


@pytest.fixture
def docs(publish):
    made = {
        "fare": publish(
            "关于调整出租汽车运价的通知",
            "经研究，决定调整城区出租汽车运价，自2026年1月1日起执行。",
            "示交〔2025〕201号",
        ),
        "neighbour": publish(
            "关于公布2025年道路运输行政许可事项的通知",
            "现将本年度道路运输行政许可事项予以公布。",
            "示交〔2025〕203号",
        ),
        "taxi": publish(
            "城区出租车驾驶员服务质量考核结果公示",
            "对全城出租车驾驶员开展服务质量考核，结果公示如下。",
        ),
        "ride": publish(
            "网络预约出租汽车经营服务管理实施细则",
            "规范网络预约出租汽车经营服务行为，保障乘客合法权益。",
        ),
        "relief": publish(
            "城乡最低生活保障标准调整方案",
            "提高城乡最低生活保障标准，确保困难群众基本生活。",
        ),
        "dibao": publish("低保对象动态管理情况通报", "全县低保对象动态管理工作情况。"),
        "bus": publish("城乡公交线路调整公告", "自12月1日起，3路公交车调整走向。"),
        "coach": publish("城乡客车班线调整公告", "县城至北山镇客车班线调整。"),
        "old": publish("关于加强农村公路养护管理的意见", "加强农村公路养护管理。"),
        "older": publish("关于开展环境保护执法检查的通知", "开展环境保护执法检查。"),
    }
    made["old"] = imported(made["old"], "示交字〔2005〕第12号")
    made["older"] = imported(made["older"], "2003年示环字第7号")
    return made


def first(results):
    return results.hits[0].item if results.hits else None


def assert_count_agrees(results):
    assert results.total == len(results.hits), (results.total, [h.item.title for h in results.hits])


FARE_FORMS = [
    "示交〔2025〕201号",
    "示交[2025]201号",
    "示交［2025］201号",
    "示交（2025）201号",
    "示交(2025)201号",
    "示交【2025】201号",
    "示交〔2025〕201",
    "示交[2025]201",
    "示交〔2025〕第201号",
    "示交〔２０２５〕２０１号",
    "示交 〔2025〕 201 号",
    " 示交 [ 2025 ] 201 ",
    "示交2025201",
    "示交字〔2025〕第201号",
]


@pytest.mark.parametrize("query", FARE_FORMS)
def test_every_way_of_writing_a_doc_number_finds_it_first_and_counts_it(docs, query):
    results = search(query)
    assert first(results) == docs["fare"] and results.hits[0].exact
    assert_count_agrees(results)
    assert results.total >= 1 and not results.approximate


@pytest.mark.parametrize(
    ("key", "query"),
    [
        ("old", "示交字〔2005〕第12号"),
        ("old", "示交〔2005〕12号"),
        ("old", "示交字(2005)第12号"),
        ("old", "示交字[2005]12号"),
        ("old", "2005年示交字第12号"),
        ("older", "2003年示环字第7号"),
        ("older", "示环〔2003〕7号"),
        ("older", "〔2003〕示环7号"),
        ("older", "示环字（2003）第７号"),
    ],
)
def test_older_zi_di_and_year_first_forms_find_the_document(docs, key, query):
    results = search(query)
    assert first(results) == docs[key] and results.hits[0].exact
    assert_count_agrees(results)


def test_the_exact_doc_number_is_counted_even_when_no_word_matches(docs):
    """The bug seen on the demo: the document listed first, "找到 0 条结果"."""
    results = search("示交[2025]201号")
    assert results.total == len(results.hits) >= 1
    page = Client().get("/search/", {"q": "示交[2025]201号"}).text
    assert f"找到 {results.total} 条结果" in page and "找到 0 条结果" not in page
    api = Client().get("/api/v1/search", {"q": "示交[2025]201号"}).json()
    assert api["count"] == len(api["results"]) == results.total
    assert api["results"][0]["item"]["doc_number"] == "示交〔2025〕201号"


def test_index_numbers_in_any_case_width_or_spacing(docs):
    number = docs["fare"].index_number
    for query in (
        number,
        number.lower(),
        number.replace("-", "－"),
        " ".join(number.split("-")),
        number.replace("-", ""),
    ):
        results = search(query)
        assert first(results) == docs["fare"] and results.hits[0].exact, query
        assert_count_agrees(results)


@pytest.mark.parametrize(
    ("query", "expected", "also"),
    [
        ("出租车运价", "fare", ()),
        ("出租汽车", "ride", ("fare", "taxi")),  # the official word finds the everyday one
        ("出租车", "ride", ("fare", "taxi")),  # and the everyday word the official one
        ("网约车", "ride", ()),
        ("网约车 经营", "ride", ()),
        ("低保", "dibao", ("relief",)),
        ("最低生活保障", "dibao", ("relief",)),
        ("公交车", "bus", ()),
    ],
)
def test_synonyms_work_both_ways(docs, query, expected, also):
    results = search(query, sort="date")
    found = {hit.item for hit in results.hits}
    assert docs[expected] in found and all(docs[k] in found for k in also), [
        h.item.title for h in results.hits
    ]
    assert_count_agrees(results)
    assert not results.approximate


def test_a_synonym_is_not_read_inside_another_word(publish):
    """低保 inside 最低保障 is not the synonym 低保 (the words are 最低 and 保障)."""
    target = publish("最低保障工资标准", "本县最低保障工资标准如下。")
    results = search("最低保障")
    assert [h.item for h in results.hits] == [target]


def test_the_words_fall_back_to_characters_and_say_so(docs):
    # 交线 is not a word of the bus notice (公交 线路) but its characters are there in that order.
    phrase = search("交线")
    assert first(phrase) == docs["bus"] and phrase.approximate
    assert_count_agrees(phrase)
    # 养管: no word and no phrase; every character is in the road document (养护 管理).
    scattered = search("公路养管")
    assert docs["old"] in {h.item for h in scattered.hits} and scattered.approximate
    assert_count_agrees(scattered)
    page = Client().get("/search/", {"q": "交线"}).text
    assert "按字近似匹配" in page and "找到 1 条结果" in page
    assert Client().get("/api/v1/search", {"q": "交线"}).json()["approximate"] is True
    exact = search("公交")
    assert not exact.approximate and "按字近似匹配" not in Client().get("/search/?q=公交").text


def test_nothing_at_all_is_zero_and_not_approximate(docs):
    results = search("量子计算机")
    assert results.total == 0 and results.hits == [] and not results.approximate


def test_did_you_mean_a_doc_number_that_almost_exists(docs):
    results = search("示交〔2025〕202号")
    assert not any(h.exact for h in results.hits)
    assert docs["fare"] in results.suggestions and docs["neighbour"] in results.suggestions
    wrong_year = search("示交〔2024〕201号")
    assert wrong_year.suggestions[0] == docs["fare"]
    page = Client().get("/search/", {"q": "示交[2025]202号"}).text
    assert "您是不是要找" in page and "示交〔2025〕201号" in page
    api = Client().get("/api/v1/search", {"q": "示交〔2025〕202号"}).json()
    assert {s["doc_number"] for s in api["suggestions"]} >= {"示交〔2025〕201号"}
    # An exact match needs no suggestion; nor does an ordinary query.
    assert search("示交〔2025〕201号").suggestions == []
    assert search("出租车").suggestions == []


def test_did_you_mean_an_index_number_one_off(docs):
    last = max(docs.values(), key=lambda item: item.index_number)
    head, serial = last.index_number.rsplit("-", 1)
    near = f"{head}-{int(serial) + 1:0{len(serial)}d}"
    results = search(near)
    assert results.hits == [] and results.suggestions[0] == last
    page = Client().get("/search/", {"q": near}).text
    assert "您是不是要找" in page and last.index_number in page


def test_suggestions_and_exact_matches_pass_the_gate(docs):
    fare = docs["fare"]
    InformationItem.objects.filter(pk=fare.pk).update(status="withdrawn")
    assert search("示交[2025]201号").hits == [] or first(search("示交[2025]201号")) != fare
    assert fare not in search("示交〔2025〕202号").suggestions
    assert "关于调整出租汽车运价的通知" not in Client().get("/search/?q=示交〔2025〕202号").text


def test_exact_matches_respect_the_filters(docs, catalogue):
    assert first(search("示交[2025]201号", Filters(agency_id=catalogue.pk))) == docs["fare"]
    other_year = search("示交[2025]201号", Filters(year=1999))
    assert other_year.hits == [] and other_year.total == 0


def test_the_count_agrees_across_pages_with_an_exact_match(publish):
    """Exact matches head page 1 and are counted once: every match is listed exactly once."""
    made = [
        publish(f"文件汇编第{i}册", "收录示交〔2025〕305号等文件。", f"示交〔2025〕{300 + i}号")
        for i in range(PAGE_SIZE + 3)
    ]
    query = "示交〔2025〕305号"
    one, two = search(query, page=1), search(query, page=2)
    assert first(one) == made[5] and one.hits[0].exact
    listed = [h.item.pk for h in one.hits + two.hits]
    assert len(listed) == len(set(listed)) == one.total == two.total
    assert len(one.hits) == PAGE_SIZE and one.pages == 2


def test_a_synonym_added_in_admin_applies_at_once(docs, county):
    office = person("gkb", county, "disclosure_office", full_name="县公开办")
    client = Client()
    client.force_login(office)
    coach = docs["coach"]
    assert coach not in {h.item for h in search("大巴班线").hits}
    # A clear Chinese error, and what was typed is kept.
    add = "/admin/search/synonym/add/"
    refused = client.post(add, {"terms": "大巴，出租车", "note": "", "enabled": "on"})
    assert refused.status_code == 200
    assert "已在同义词组" in refused.text and "大巴，出租车" in refused.text
    alone = client.post(add, {"terms": "大巴", "enabled": "on"})
    assert "同义词组至少要有两个不同的词" in alone.text
    saved = client.post(add, {"terms": "大巴 、客车", "note": "群众用语", "enabled": "on"})
    assert saved.status_code == 302
    assert Synonym.objects.filter(terms="大巴，客车").exists()
    assert coach in {h.item for h in search("大巴班线").hits}  # no re-index


def test_only_the_platforms_disclosure_office_and_admins_keep_synonyms(transport, xiaoli, sysadmin):
    sub_office = person("jtgkb", transport, "disclosure_office", full_name="交通局公开办")
    for user, status in ((sub_office, 403), (xiaoli, 403), (sysadmin, 200)):
        client = Client()
        client.force_login(user)
        assert client.get("/admin/search/synonym/", follow=True).status_code == status, user


def test_default_synonyms_ship_with_the_platform():
    table = synonyms.compiled().groups
    for everyday, official in (
        ("出租车", "出租汽车"),
        ("网约车", "网络预约出租汽车"),
        ("公交", "公共交通"),
        ("驾照", "机动车驾驶证"),
        ("低保", "最低生活保障"),
        ("社保", "社会保险"),
    ):
        assert official in table[everyday] and everyday in table[official]


def test_keys_are_pure_and_agree_with_each_other():
    assert len({keys.doc_key(q) for q in FARE_FORMS}) == 1
    assert keys.doc_key("示交〔2025〕201号") != keys.doc_key("示交〔2025〕21号")
    assert keys.doc_key("示交〔2025〕201号") != keys.doc_key("示县交〔2025〕201号")
    assert keys.parse_doc_key("农村公路 养护") is None
    assert keys.parse_doc_key("安全生产2025") is None
    assert keys.doc_key("国务院令第708号") == keys.doc_key("国务院令708号")
    assert keys.index_key("sx120－qt－2026－00012") == keys.index_key("SX120-QT-2026-00012")


def test_the_platforms_office_finds_the_synonyms_from_its_menu(county, transport):
    office = person("gkb2", county, "disclosure_office", full_name="县公开办")
    client = Client()
    client.force_login(office)
    menu = client.get("/staff/").text
    assert "/admin/search/synonym/" in menu and "管理后台" not in menu
    index = client.get("/admin/").text
    assert "/admin/search/synonym/" in index and "/admin/org/agency/" not in index
    assert client.get("/admin/org/agency/").status_code == 403
    listing = client.get("/admin/search/synonym/").text
    assert "出租车，出租汽车，的士" in listing
    department = person("jtgkb2", transport, "disclosure_office", full_name="交通局公开办")
    client.force_login(department)
    assert "/admin/search/synonym/" not in client.get("/staff/").text


def test_other_workers_see_a_change_within_seconds(docs, monkeypatch):
    """Another process's change (no signal here) is picked up once the stamp is asked again."""
    synonyms.compiled()
    Synonym.objects.bulk_create([Synonym(terms="大巴，客车")])  # bulk_create sends no signal
    assert "大巴" not in synonyms.compiled().groups  # asked less than STAMP_SECONDS ago
    monkeypatch.setattr(synonyms, "_checked_at", float("-inf"))  # STAMP_SECONDS later
    assert synonyms.compiled().groups["大巴"] == ("大巴", "客车")


def test_exact_matches_and_the_page_pass_the_gate_in_one_query(publish):
    """The exact 文号 match and the page's other hits are read through the gate in one query,
    the exact one first; a later page reads only its own hits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = [
        publish(f"文件汇编第{i}册", "收录示交〔2025〕405号等文件。", f"示交〔2025〕{400 + i}号")
        for i in range(PAGE_SIZE + 3)
    ]
    query = "示交〔2025〕405号"
    for page in (1, 2):
        with CaptureQueriesContext(connection) as ctx:
            results = search(query, page=page)
        gate = [q["sql"] for q in ctx.captured_queries if "publishing_informationitem" in q["sql"]]
        assert len(gate) == 1, gate
        exact = [h.item for h in results.hits if h.exact]
        assert exact == ([made[5]] if page == 1 else [])
        assert results.hits[0].exact == (page == 1)
        assert made[5].pk not in [h.item.pk for h in results.hits if not h.exact]
