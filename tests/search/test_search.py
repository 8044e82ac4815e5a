"""Chinese full-text search: one- and two-character queries, 文号 first, highlighting, filters,
and withdrawal leaving the results at once — on SQLite FTS5 and PostgreSQL tsvector alike."""

import pytest
from django.core.management import call_command

from gongkai.publishing import services
from gongkai.publishing.models import InformationItem
from gongkai.search import segment
from gongkai.search.models import SearchEntry
from gongkai.search.query import Filters, search
from tests.publishing.conftest import column, walk_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(publish):
    return {
        "road": publish(
            "关于农村公路冬季养护的通知",
            "各乡镇做好农村公路养护，确保道路安全畅通。",
            "示县交〔2026〕12号",
        ),
        "open": publish(
            "2025年政府信息公开工作年度报告",
            "本机关依法做好政府信息公开工作。",
            "",
            entry="政府信息公开年报",
        ),
        "bus": publish(
            "城乡公交线路调整公告", "自12月1日起，3路公交车调整走向。", "示县交〔2026〕15号"
        ),
    }


def titles(results):
    return [hit.item.title for hit in results.hits]


def test_one_character_queries_work(corpus):
    assert set(titles(search("路"))) == {"关于农村公路冬季养护的通知", "城乡公交线路调整公告"}


def test_two_character_queries_work(corpus):
    assert titles(search("公开")) == ["2025年政府信息公开工作年度报告"]
    assert "关于农村公路冬季养护的通知" in titles(search("养护"))


def test_multi_term_queries_need_every_term(corpus):
    assert titles(search("公路 安全")) == ["关于农村公路冬季养护的通知"]
    assert titles(search("公路 年度报告")) == []


def test_an_exact_doc_number_or_index_number_comes_first(corpus):
    road = corpus["road"]
    results = search("示县交〔2026〕12号")
    assert results.hits[0].item == road and results.hits[0].exact
    by_index = search(road.index_number)
    assert by_index.hits[0].item == road


def test_matches_are_highlighted_and_escaped(corpus, publish):
    results = search("养护")
    assert "<mark>养护</mark>" in results.hits[0].title_html
    assert "<mark>养护</mark>" in results.hits[0].snippet_html
    publish("<b>测试</b>标题", "正文含有<script>alert(1)</script>养护二字")
    for hit in search("养护").hits:
        assert "<script>" not in hit.snippet_html and "<b>" not in hit.title_html


def test_filters_by_column_year_and_agency(corpus, catalogue):
    report = column(catalogue, "政府信息公开年报")
    assert titles(search("工作", Filters(root_entry_id=report.pk))) == [
        "2025年政府信息公开工作年度报告"
    ]
    year = corpus["road"].published_at.year
    assert len(search("路", Filters(year=year)).hits) == 2
    assert search("路", Filters(year=year - 1)).hits == []
    assert len(search("路", Filters(agency_id=catalogue.pk)).hits) == 2


def test_sort_by_date_puts_the_newest_first(corpus):
    results = search("路", sort="date")
    assert titles(results) == ["城乡公交线路调整公告", "关于农村公路冬季养护的通知"]


def test_withdrawal_leaves_the_results_at_once(corpus, chain_people):
    road = corpus["road"]
    services.item_withdraw(item=road, by=chain_people["office"], reason="错误")
    assert "关于农村公路冬季养护的通知" not in titles(search("养护"))
    assert not SearchEntry.objects.filter(item=road).exists()
    assert search("示县交〔2026〕12号").hits == []


def test_a_correction_reindexes_the_new_text(corpus, chain_people):
    services.item_correct(
        item=corpus["bus"],
        by=chain_people["office"],
        reason="更正",
        data={"body": "自12月1日起，5路公交车调整走向。"},
    )
    assert titles(search("5路")) == ["城乡公交线路调整公告"]


def test_non_public_items_are_never_indexed(chain_people, draft_data, catalogue):
    draft = services.item_create(
        agency=catalogue, by=chain_people["drafter"], data=draft_data(title="草稿中的机密养护计划")
    )
    recorded = walk_chain(
        services.item_submit(
            item=services.item_create(
                agency=catalogue,
                by=chain_people["drafter"],
                data=draft_data(
                    title="不予公开的养护计划",
                    disclosure="withheld",
                    withhold_ground="process_info",
                    withhold_explanation="过程性信息",
                ),
            ),
            by=chain_people["drafter"],
        ),
        chain_people,
    )
    assert recorded.status == InformationItem.Status.RECORDED
    assert not SearchEntry.objects.filter(item__in=[draft, recorded]).exists()
    assert search("养护计划").hits == []


def test_the_redacted_original_is_not_searchable(publish):
    publish(
        "删减后公开的通知",
        "原文含有张三身份证号",
        disclosure="redacted",
        withhold_ground="third_party",
        withhold_explanation="含个人信息",
        redacted_body="删减后的正文",
    )
    assert search("身份证").hits == []
    assert titles(search("删减")) == ["删减后公开的通知"]


def test_reindex_rebuilds_the_same_results(corpus, capsys):
    before = titles(search("路"))
    call_command("search", "reindex")
    assert "已重建索引：3 条" in capsys.readouterr().out
    assert titles(search("路")) == before


def test_a_rebuild_in_small_batches_with_two_workers_indexes_everything_in_date_order(corpus):
    from gongkai.search import indexer

    before = {q: titles(search(q)) for q in ("路", "公开", "示县交〔2026〕15号")}
    assert indexer.rebuild(batch_size=1, workers=2) == 3
    assert {q: titles(search(q)) for q in before} == before
    ids = list(SearchEntry.objects.order_by("id").values_list("item_id", flat=True))
    by_date = InformationItem.objects.published().order_by("published_at", "pk")
    assert ids == list(by_date.values_list("pk", flat=True))


def test_a_rebuild_leaves_the_index_configured_for_publication_time_updates(corpus, publish):
    from django.db import connection

    from gongkai.search import indexer

    indexer.rebuild(batch_size=2, workers=2)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT k, v FROM search_fts_config WHERE k != 'version'")
            assert dict(cursor.fetchall()) == indexer.FTS_DEFAULTS
    publish("重建之后发布的隧道养护公告", "隧道")
    assert titles(search("隧道")) == ["重建之后发布的隧道养护公告"]


def test_fts5_merges_delete_by_rowid_whatever_analyze_saw_in_an_empty_index(db):
    """ANALYZE on a new installation (migrate runs it) records FTS5's data table as 2 rows; the
    planner then scanned the whole table for each of FTS5's merge deletes (the first build of a
    freshly loaded database crawled in its final optimize). The shadow tables' counts are
    pinned instead: by ANALYZE and by a rebuild, for databases analysed by older versions."""
    from django.db import connection

    from gongkai.search import indexer

    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is SQLite's")

    def plan():
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN QUERY PLAN DELETE FROM search_fts_data WHERE id >= %s AND id <= %s",
                [1, 2],
            )
            return " ".join(row[-1] for row in cursor.fetchall())

    def recorded():
        with connection.cursor() as cursor:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'search_fts_data'")
            return [row[0] for row in cursor.fetchall()]

    with connection.cursor() as cursor:
        indexer.analyse(cursor)  # the index is empty: 2 rows of FTS5's own
    assert recorded() == ["1000000"]
    assert "USING INTEGER PRIMARY KEY" in plan()

    # What an older version left behind: the count of the empty index.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'search_fts_data'")
        cursor.execute("ANALYZE sqlite_schema")
    assert plan().startswith("SCAN")  # the trap itself
    indexer._bulk_mode(True)  # what a rebuild does before it writes
    try:
        assert "USING INTEGER PRIMARY KEY" in plan() and recorded() == ["1000000"]
    finally:
        indexer._bulk_mode(False)


def test_pagination(publish):
    for n in range(25):
        publish(f"第{n}号养护公告", "养护")
    first, second = search("养护", page=1), search("养护", page=2)
    assert first.total == 25 and first.pages == 2
    assert len(first.hits) == 20 and len(second.hits) == 5
    assert not set(titles(first)) & set(titles(second))


def test_empty_and_punctuation_only_queries(corpus):
    assert search("").hits == [] and search("，。！").hits == []


def test_more_matches_than_can_be_ranked_come_newest_first(corpus, publish, monkeypatch):
    from gongkai.search import query

    publish("农村公路养护检查通报", "对各乡镇农村公路养护情况进行检查。")
    ranked = search("养护")
    assert not ranked.by_date and ranked.total == 2
    monkeypatch.setattr(query, "RANK_LIMIT", 1)
    by_date = search("养护")
    assert by_date.by_date and by_date.total == 2
    assert titles(by_date) == ["农村公路养护检查通报", "关于农村公路冬季养护的通知"]


def test_an_exact_doc_number_is_looked_up_then_gated(corpus, chain_people, draft_data, catalogue):
    """A draft carrying the same 文号 is never shown; the published item is, first."""
    services.item_create(
        agency=catalogue,
        by=chain_people["drafter"],
        data=draft_data(title="草稿：同一文号的另一份文件", doc_number="示县交〔2026〕12号"),
    )
    results = search("示县交〔2026〕12号")
    assert [hit.item for hit in results.hits if hit.exact] == [corpus["road"]]
    assert "草稿：同一文号的另一份文件" not in titles(results)
    assert search("示县交〔2026〕12号", Filters(agency_id=catalogue.pk + 999)).hits == []


def _reference_pg_fields(text):
    """The vectors spelt the plain way, token by token (what pg_fields must equal)."""
    from gongkai.search import indexer

    def lexeme(token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    words = [
        t
        for t in dict.fromkeys(f"{text.title} {text.body} {text.meta}".split())
        if len(t) <= indexer.LEXEME_MAX
    ]
    positions = {}
    for n, token in enumerate(text.chars.split(), 1):
        if len(token) > indexer.LEXEME_MAX:
            continue
        found = positions.setdefault(token, [])
        if n <= indexer.POSITION_MAX and len(found) < indexer.POSITIONS_PER_LEXEME:
            found.append(n)
    chars = " ".join(
        f"{lexeme(t)}:{','.join(map(str, p))}" if p else lexeme(t) for t, p in positions.items()
    )
    if text.paired:
        # Each two neighbouring CJK characters within the positions kept, once, no position.
        kept = text.chars.split()[: indexer.POSITION_MAX]
        pairs = dict.fromkeys(
            kept[n] + kept[n + 1]
            for n in range(len(kept) - 1)
            if segment.is_single_cjk(kept[n]) and segment.is_single_cjk(kept[n + 1])
        )
        chars += "".join(f" {lexeme(p)}" for p in pairs)
    return " ".join(map(lexeme, words)), chars, words, list(positions), positions


@pytest.mark.parametrize(
    "tokens",
    [
        ["农", "村", "公", "路", "农", "村"],
        ["o'neil", "a\\b", "'", "\\", "''", "\\'", "路", "'", "a\\b"],
        ["x" * 300, "路", "'" * 200, "\\" * 130, "路"],  # too long once escaped, or at all
        ["路"] * 300 + ["公"],  # 256 positions at most
        [f"t{n % 7}" for n in range(16_383)] + ["t1", "late", "'late'", "late"],  # past 16,383
        # Pairs past 16,383 are not kept (nor is any phrase found there).
        [chr(0x4E00 + n * 7919 % 20_000) for n in range(16_400)] + ["路", "2024", "公", "路"],
    ],
)
@pytest.mark.parametrize("paired", [False, True])
def test_pg_vectors_are_spelt_token_by_token(tokens, paired):
    from gongkai.search.indexer import IndexedText

    text = IndexedText(
        " ".join(tokens[:3]), " ".join(tokens), "meta 'x'", " ".join(tokens), paired=paired
    )
    words, chars, word_list, char_list, positions = _reference_pg_fields(text)
    assert text.pg_fields() == (words, chars, word_list, char_list)
    assert text.char_positions() == positions


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_builds_its_indexes_side_by_side(
    audit_triggers_allow_flush, publish
):
    """PostgreSQL: outside a transaction the two GIN indexes are built on two connections."""
    from django.db import connection

    from gongkai.search import indexer

    publish("关于O'Neil路段养护的通知", "路面 a\\b 养护")
    publish("城乡公交线路调整公告", "3路公交车调整走向。")
    assert indexer.rebuild(batch_size=1, workers=2) == 2
    assert titles(search("路段")) == ["关于O'Neil路段养护的通知"]
    assert titles(search("公交")) == ["城乡公交线路调整公告"]
    assert len(titles(search("路"))) == 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry' "
                "AND indexdef LIKE '%%USING gin%%' ORDER BY 1"
            )
            assert [row[0] for row in cursor.fetchall()] == sorted(indexer.PG_INDEXES)


def test_a_page_past_the_last_leads_to_the_last(publish, client):
    for n in range(25):
        publish(f"第{n}号养护公告", "养护")
    response = client.get("/search/?q=养护&sort=date&page=50")
    assert response.status_code == 302
    assert response["Location"] == "?q=%E5%85%BB%E6%8A%A4&sort=date&page=2"
    page = client.get("/search/" + response["Location"]).text
    assert "找到 25 条结果" in page and "第 2 / 2 页" in page and "没有找到相关信息" not in page
    # nothing found at all: no redirect, the page says so
    none = client.get("/search/?q=不存在的词语组合&page=3")
    assert none.status_code == 200 and "没有找到相关信息" in none.text
