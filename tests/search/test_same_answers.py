"""The same answers on SQLite and PostgreSQL (issue 18): one fixture, a table of queries, and for
each the hits, their order and the count — checked against a reading of the rules written here in
plain Python (which documents match, how they rank) and against a recorded table. ``make test``
runs this module on both databases, so both give exactly these answers."""

import pytest
from django.db import connection

from gongkai.publishing.models import InformationItem
from gongkai.search import indexer, query, segment, synonyms
from gongkai.search.models import SearchEntry
from gongkai.search.query import Filters, search

pytestmark = pytest.mark.django_db

SUBJECTS = ["农村公路", "道路运输", "安全生产", "出租汽车", "公交线路", "城市道路"]
ACTIONS = ["养护", "检查", "许可", "整治", "调整", "公开"]
PLACES = ["北台镇", "东关街道", "南山乡"]


def corpus_texts():
    """36 documents: every subject with every action, in three places; some numbered."""
    texts = []
    for n, (subject, action) in enumerate((s, a) for s in SUBJECTS for a in ACTIONS):
        place = PLACES[n % 3]
        title = f"关于{place}{subject}{action}工作的通知"
        if n % 5 == 0:
            title = f"{place}{action}情况通报"  # the subject only in the body
        body = (
            f"{place}各单位：为做好{subject}{action}工作，现将有关事项通知如下。"
            f"一、提高认识。二、落实{ACTIONS[(n + 1) % 6]}责任。三、做好信息公开。"
        )
        if n % 4 == 0:
            body += "路面巡查每周一次。"
        doc_number = f"示县交〔2026〕{n + 1}号" if n % 3 == 0 else ""
        texts.append((title, body, doc_number))
    return texts


@pytest.fixture
def fixture_corpus(publish):
    return [publish(title, body, doc_number) for title, body, doc_number in corpus_texts()]


# --- The rules, read in plain Python --------------------------------------------------------------


def documents():
    """(entry id, item, words, characters, ranking columns) of every indexed item."""
    out = []
    for entry in SearchEntry.objects.select_related("item", "item__agency", "item__entry"):
        text = indexer.segment_item(entry.item)
        words = set(f"{text.title} {text.body} {text.meta}".split())
        out.append((entry.id, entry.item, words, text.chars.split(), text.ranking()))
    return out


def has(alternative, words, chars):
    if alternative.kind == "word":
        return alternative.tokens[0] in words
    n = len(alternative.tokens)
    return any(tuple(chars[i : i + n]) == alternative.tokens for i in range(len(chars) - n + 1))


def score(terms, title_words, title_chars, meta_words):
    """The ranking, read plainly: per term (group), 8 if the title has it, 4 if the metadata."""
    total = 0
    for group in terms:
        needles = [(a, " " + " ".join(a.tokens) + " ") for a in group]
        if any(n in (title_words if a.kind == "word" else title_chars) for a, n in needles):
            total += query.TITLE_WEIGHT
        if any(a.kind == "word" and n in meta_words for a, n in needles):
            total += query.META_WEIGHT
    return total


def expected(q, docs, *, sort="relevance", page=1, size=None):
    """(total, item ids of the page) for a query of words (no 文号, no fallback)."""
    terms = query.plan(synonyms.query_groups(q))
    matched = [d for d in docs if all(any(has(a, d[2], d[3]) for a in group) for group in terms)]
    if sort == "relevance" and len(matched) <= query.RANK_LIMIT:
        matched.sort(key=lambda d: (-score(terms, **d[4]), -d[0]))
    else:
        matched.sort(key=lambda d: -d[0])
    size = size or query.PAGE_SIZE
    return len(matched), [d[1].pk for d in matched[(page - 1) * size : page * size]]


WORD_QUERIES = [
    "路",  # one character
    "公开",  # two characters, in every body
    "道路运输",  # four characters, one word
    "安全生产",
    "农村公路 养护",  # two terms
    "北台镇 检查",
    "出租车",  # a synonym of 出租汽车
    "通报",
    "路面",
    "城市 调整",
    "不存在的词语",
]


def test_words_queries_give_the_rules_answers(fixture_corpus):
    docs = documents()
    assert len(docs) == 36
    for q in WORD_QUERIES:
        for sort, page in (("relevance", 1), ("relevance", 2), ("date", 1)):
            total, ids = expected(q, docs, sort=sort, page=page)
            results = search(q, sort=sort, page=page)
            got = [hit.item.pk for hit in results.hits]
            assert (results.total, got) == (total, ids), (q, sort, page)


def test_more_than_the_rank_limit_comes_newest_first_and_counts_agree(fixture_corpus, monkeypatch):
    monkeypatch.setattr(query, "RANK_LIMIT", 10)
    monkeypatch.setattr(query, "COUNT_CAP", 30)
    docs = documents()
    for q in ("公开", "路", "养护", "公开 责任", "公开 养护", "工作 责任 公开"):
        total, ids = expected(q, docs)
        results = search(q)
        assert [hit.item.pk for hit in results.hits] == ids, q
        assert results.total == min(total, 30) and results.total_capped == (total > 30), q
        assert results.by_date == (total > 10), q


def test_the_ranking_puts_the_title_first_then_the_newest(fixture_corpus):
    results = search("道路运输 检查")
    titles = [hit.item.title for hit in results.hits]
    # The one document with both words in its title first; then those with one of them in the
    # title, newest first; the body-only matches last.
    assert titles[0] == "关于东关街道道路运输检查工作的通知"
    in_title = [t for t in titles if "道路运输" in t or "检查" in t]
    assert titles[: len(in_title)] == in_title


#: Recorded once and read through (the rules above say why each is so); both databases must
#: give exactly these.
RECORDED = {
    # q: (total, first titles). 道路运输 is cut 道路 + 运输 and 运输 is in every document's
    # metadata (交通运输局): the four with 道路, 运输 and 检查; all three in the title first.
    "道路运输 检查": (
        4,
        [
            "关于东关街道道路运输检查工作的通知",
            "关于东关街道城市道路检查工作的通知",
            "关于北台镇道路运输养护工作的通知",
            "北台镇养护情况通报",
        ],
    ),
    # Every one has both in its title (北台, 镇, 整治): newest first, the 通报 among them.
    "北台镇 整治": (
        6,
        [
            "关于北台镇城市道路整治工作的通知",
            "关于北台镇公交线路整治工作的通知",
            "关于北台镇出租汽车整治工作的通知",
            "北台镇整治情况通报",
        ],
    ),
    # In no title: newest first.
    "路面": (
        9,
        [
            "关于南山乡城市道路许可工作的通知",
            "关于东关街道公交线路调整工作的通知",
            "关于北台镇公交线路养护工作的通知",
            "南山乡许可情况通报",
        ],
    ),
    "北台镇 许可": (0, []),
}


def test_recorded_answers(fixture_corpus):
    for q, (total, first) in RECORDED.items():
        results = search(q)
        assert (results.total, [hit.item.title for hit in results.hits[:4]]) == (total, first), q


def test_doc_numbers_filters_and_the_characters_fallback(fixture_corpus, catalogue):
    first = fixture_corpus[0]
    exact = search("示县交[2026]1号")  # as typed: [] for 〔〕
    assert [(hit.item, hit.exact) for hit in exact.hits] == [(first, True)]
    assert exact.total == 1
    # 文号 words that other documents share too: the exact one first, counted once.
    shared = search("示县交〔2026〕4号")
    assert shared.hits[0].item == fixture_corpus[3] and shared.hits[0].exact
    assert [hit.item.pk for hit in shared.hits].count(fixture_corpus[3].pk) == 1
    assert shared.total == len(shared.hits)
    year = first.published_at.year
    every = expected("养护", documents())
    assert every[0] == 12  # six 养护 documents, six more that name it as the next duty
    for filters in (Filters(year=year), Filters(agency_id=catalogue.pk)):
        results = search("养护", filters)
        assert (results.total, [hit.item.pk for hit in results.hits]) == every
    assert search("养护", Filters(year=year + 1)).total == 0
    assert search("养护", Filters(agency_id=catalogue.pk + 1000)).hits == []
    # 巡路 is no word of any document, nor a phrase of characters (路面巡查 has 面 between):
    # each character anywhere, approximate, newest first.
    fallback = search("巡路")
    assert fallback.approximate
    docs = documents()
    having = [d for d in docs if "巡" in d[3] and "路" in d[3]]
    assert fallback.total == len(having) == 9
    assert [hit.item.pk for hit in fallback.hits] == [
        d[1].pk for d in sorted(having, key=lambda d: -d[0])
    ]


def test_after_an_exact_doc_number_the_rest_come_newest_first_and_are_counted(
    fixture_corpus, publish
):
    """An exact 文号 comes first, then the other documents that have its words, newest first,
    page for page, the total counting the exact one once. SQLite reads the first page before
    it counts (FTS5 reads its matches newest first): a page that comes back short is every
    match and needs no count; a full one does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    q, exact = "示县交〔2026〕4号", fixture_corpus[3]
    for n in range(5):  # documents that cite it
        publish(
            f"关于落实道路养护要求的第{n + 1}次报告",
            f"根据示县交〔2026〕4号文件，第{n + 1}次检查。",
        )
    _, every = expected(q, documents(), sort="date", size=1000)
    rest = [pk for pk in every if pk != exact.pk]
    assert len(rest) >= 3
    listed = [exact.pk, *rest]
    for size in (2, len(rest) + 1, len(rest) + 5):  # a full first page, just full, short
        for page in (1, 2, 3):
            with CaptureQueriesContext(connection) as ctx:
                results = search(q, page=page, page_size=size)
            assert results.total == len(listed), (size, page)
            assert [h.item.pk for h in results.hits] == listed[(page - 1) * size : page * size]
            assert [h.exact for h in results.hits[:1]] == ([True] if page == 1 else [False])[
                : len(results.hits)
            ]
            counted = any("count(*)" in c["sql"] for c in ctx.captured_queries)
            if connection.vendor == "sqlite" and page == 1:
                assert counted == (len(rest) >= size - 1), (size, page)


def test_a_withdrawn_item_leaves_every_answer(fixture_corpus, chain_people):
    from gongkai.publishing import services

    gone = fixture_corpus[1]
    services.item_withdraw(item=gone, by=chain_people["office"], reason="错误")
    docs = documents()
    assert all(d[1].pk != gone.pk for d in docs)
    for q in WORD_QUERIES:
        total, ids = expected(q, docs)
        results = search(q)
        assert (results.total, [hit.item.pk for hit in results.hits]) == (total, ids), q
    assert InformationItem.objects.published().count() == 35
    assert segment.characters("路") == ["路"]


def test_postgresql_document_frequencies_follow_the_index(fixture_corpus, chain_people):
    """The counts a one-word query takes from SearchTerm on PostgreSQL are the index's own:
    after publication, withdrawal and a rebuild."""
    from collections import Counter

    from django.db import connection

    from gongkai.publishing import services
    from gongkai.search.models import SearchTerm

    if connection.vendor != "postgresql":
        assert not SearchTerm.objects.exists()  # SQLite's FTS5 counts by itself
        return

    def expected_frequencies():
        counted = Counter()
        for entry in SearchEntry.objects.select_related("item", "item__agency", "item__entry"):
            counted.update(indexer.term_keys(indexer.segment_item(entry.item)))
        return dict(counted)

    def stored():
        return dict(SearchTerm.objects.filter(df__gt=0).values_list("term", "df"))

    assert stored() == expected_frequencies()
    assert stored()["w:养护"] == 12 and stored()["c:路"] == search("路").total
    assert stored()[indexer.ENTRIES_KEY] == SearchEntry.objects.count() == 36
    services.item_withdraw(item=fixture_corpus[0], by=chain_people["office"], reason="错误")
    assert stored() == expected_frequencies()
    assert search("养护").total == stored()["w:养护"] == 11
    indexer.rebuild(batch_size=7, workers=2)
    assert stored() == expected_frequencies()


def test_postgresql_counts_terms_too_common_to_miss_each_other_without_a_scan(
    fixture_corpus, monkeypatch
):
    """Terms each in (nearly) every document must share more than the cap: PostgreSQL says
    "more than the cap" from their frequencies; where the bound falls short it counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(query, "COUNT_CAP", 30)
    counted = []
    for q in ("公开 责任", "公开 养护"):
        with CaptureQueriesContext(connection) as ctx:
            results = search(q)
        counted.append(any("count(*)" in c["sql"] for c in ctx.captured_queries))
        assert results.total == min(expected(q, documents())[0], 30), q
    if connection.vendor == "postgresql":
        assert counted == [False, True]  # 36 + 36 − 36 ≥ 31; 36 + 12 − 36 < 31
    else:
        assert counted == [True, True]  # FTS5 counts


def test_postgresql_reads_the_frequencies_with_the_exact_lookup(fixture_corpus):
    """PostgreSQL: the document frequencies that tell a count without a scan come in the round
    trip of the 文号/索引号 lookup (two statements, one message); SQLite reads none."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for q in ("养护", "公开 责任", "示县交〔2026〕4号"):
        with CaptureQueriesContext(connection) as ctx:
            results = search(q)
        statements = [c["sql"] for c in ctx.captured_queries]
        reading = [s for s in statements if "search_searchterm" in s]
        if q == "示县交〔2026〕4号":
            assert [h.exact for h in results.hits[:1]] == [True]
        else:
            assert results.total == expected(q, documents())[0], q
        if connection.vendor == "postgresql":
            assert len(reading) == 1 and "doc_key" in reading[0], statements
            if q == "养护":  # one word: its frequency is the count
                assert not any("count(*)" in s for s in statements)
        else:
            assert reading == []


def test_a_word_and_its_synonyms_are_counted_by_inclusion_exclusion(fixture_corpus, publish):
    """PostgreSQL counts a word and its synonyms (two or three alternatives, no filters) from
    their frequencies less the entries that hold several of them: the same count as counting
    every match, with and without entries that hold both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    postgresql = connection.vendor == "postgresql"
    for title, body in (
        ("出租车和出租汽车管理通知", "出租车即出租汽车，公开。"),  # both
        ("出租车候客点调整", "出租车停靠点公开。"),  # 出租车 only
    ):
        publish(title, body)
    docs = documents()
    for q in ("出租车", "出租汽车"):  # each other's synonym
        with CaptureQueriesContext(connection) as ctx:
            results = search(q)
        assert (results.total, [h.item.pk for h in results.hits]) == expected(q, docs), q
        statements = [c["sql"] for c in ctx.captured_queries]
        union = [s for s in statements if "SELECT (SELECT count(*)" in s]
        assert len(union) == (1 if postgresql else 0), statements
    assert expected("出租车", docs)[0] == 6 + 2  # six 出租汽车 documents, two more with 出租车
    # Three alternatives, asked of count() directly: every pair and the three together.
    word = query.Alternative
    plan = ((word("word", ("公开",)), word("word", ("养护",)), word("word", ("停靠点",))),)
    having = [d for d in docs if d[2] & {"公开", "养护", "停靠点"}]
    with connection.cursor() as cursor:
        seen: dict = {}
        assert query.count(cursor, plan, Filters(), 1000, seen=seen) == len(having)
        assert query.count(cursor, plan, Filters(), 5, seen=seen) == 5  # capped


def test_newest_first_is_the_same_walked_or_sorted(fixture_corpus, monkeypatch):
    """PostgreSQL finds the newest of thousands of matches by walking the newest entries, at
    most WALK_MAX of them, and sorts the matches when the walk does not fill the page (matches
    all in old documents): the same pages either way, on both databases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(query, "RANK_LIMIT", 10)
    docs = documents()
    paths = {}
    for walk_max in (8000, 25, 0):
        monkeypatch.setattr(query, "WALK_MAX", walk_max)
        for q in ("公开", "养护", "路", "公开 责任"):
            for page in (1, 2):
                total, ids = expected(q, docs, page=page)
                with CaptureQueriesContext(connection) as ctx:
                    results = search(q, page=page)
                assert (results.total, [h.item.pk for h in results.hits]) == (total, ids), (
                    walk_max,
                    q,
                    page,
                )
                statements = [c["sql"] for c in ctx.captured_queries]
                # The walk reads the number of entries the count's frequencies brought.
                assert sum("search_searchterm" in s for s in statements) <= 1, statements
                walked = any("ORDER BY id DESC LIMIT" in s for s in statements)
                sorted_ = any(
                    "@@" in s and "ORDER BY e.id DESC" in s and "(SELECT *" not in s
                    for s in statements
                )
                paths[walk_max, q, page] = (walked, sorted_)
    if connection.vendor != "postgresql":
        return
    assert paths[8000, "公开", 1] == (True, False)  # 36 matches in 36: the walk fills the page
    assert paths[25, "养护", 1] == (True, True)  # 12 in 36: 25 rows hold too few, then the sort
    assert paths[0, "公开", 1] == (False, True)  # no walk at all


def test_a_common_word_ranked_title_first_gives_the_ranking_page_for_page(
    fixture_corpus, monkeypatch
):
    """A ranked word of many matches is ranked from the matches whose title or metadata has it
    (those that score), the rest following newest first (on SQLite several words too): the
    same pages as scoring every match, across the boundary between the two, and with filters. (An exact 文号 turns the
    rest to newest first: it never meets this.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    docs = documents()
    kinds = set()
    for minimum in (10**9, 0):  # never, then always (where a plan allows it)
        monkeypatch.setattr(query, "TITLE_FIRST_MIN", minimum)
        for q in ("养护", "公开", "出租车", "检查", "通知", "北台镇", "道路运输", "农村公路 养护"):
            total, _ = expected(q, docs)
            for page in range(1, (total + 2) // 3 + 2):
                want = expected(q, docs, page=page, size=3)
                with CaptureQueriesContext(connection) as ctx:
                    results = search(q, page=page, page_size=3)
                got = (results.total, [hit.item.pk for hit in results.hits])
                assert got == want, (minimum, q, page)
                statements = " ".join(c["sql"] for c in ctx.captured_queries)
                marker = "{title meta}" if connection.vendor == "sqlite" else "string_to_array"
                # One word (or a word and its synonyms, 出租车): title first; two terms: not.
                terms = query.plan(synonyms.query_groups(q))
                # Words only; on PostgreSQL one term only (a word and its synonyms, 出租车).
                words = all(a.kind == "word" for group in terms for a in group)
                one_word = words and (len(terms) == 1 or connection.vendor == "sqlite")
                kinds.add((len(terms), one_word))
                paged = (page - 1) * 3 < total
                assert (marker in statements) == (minimum == 0 and one_word and paged), (
                    minimum,
                    q,
                    page,
                )
    # Queries it applies to and queries it does not, of one term and of several.
    assert {applies for _, applies in kinds} == {True, False}
    assert {n for n, _ in kinds} >= {1, 2}
    year = fixture_corpus[0].published_at.year
    for filters, want in (
        (Filters(year=year), expected("养护", docs, size=3)),
        (Filters(year=year + 1), (0, [])),
    ):
        results = search("养护", filters, page_size=3)
        assert (results.total, [hit.item.pk for hit in results.hits]) == want
    # Matches on both sides of the boundary: 养护 is in 6 titles of its 12 matches.
    scored = [d for d in docs if "养护" in d[4]["title_words"].split()]
    assert 3 < len(scored) < expected("养护", docs)[0]


def test_a_number_with_a_mark_is_read_as_fts5_reads_it_on_both_databases(publish):
    """jieba keeps 66.97 and 2024-948104-97 whole; FTS5 splits them at the mark. At 1M the
    bench found 东交[2024]97 matching 6 items on SQLite and 1 on PostgreSQL, whose lexemes were
    jieba's words: both now index and query the runs of letters and digits."""
    amount = publish("资金情况", "全市已累计投入资金66.97万元，完成项目6个。", "")
    code = publish("项目备案", "项目编号：2024-948104-97-01-483561。", "")
    other = publish("经费说明", "机关运行经费927.98万元。", "")
    assert segment.words("66.97万元") == ["66", "97", "万元"]
    assert segment.query_terms("66.97") == ("66", "97")
    found = search("97")
    assert found.total == 2
    assert {hit.item.pk for hit in found.hits} == {amount.pk, code.pk}
    assert [hit.item.pk for hit in search("66.97").hits] == [amount.pk]
    assert [hit.item.pk for hit in search("948104-97").hits] == [code.pk]
    assert [hit.item.pk for hit in search("927.98").hits] == [other.pk]
    docs = documents()
    for q in ("97", "66.97", "2024 97", "927.98"):
        total, ids = expected(q, docs)
        results = search(q)
        assert (results.total, [hit.item.pk for hit in results.hits]) == (total, ids), q


# --- The characters' pairs -------------------------------------------------------------------

PAIR_TEXTS = [
    ("关于公路养管站的通知", "公路养管站负责路面巡查。养护经费另行下达。"),
    ("东交2024交通情况", "东交2024交通运输统计。"),  # 东交 | 2024 | 交通: no pair across 2024
    ("路面巡查安排", "各站点：路面巡查每周一次，管。站务另行通知。"),
    ("养管工作要点", "农村公路养护管理，简称养管。"),
]
PAIR_PHRASES = ["公路养管", "东交通", "交通", "路养", "养管站", "管站", "巡查每周", "路面"]


def test_the_characters_fallback_finds_the_same_through_the_pairs(publish):
    """The fallback's phrases of characters, asked for as phrases of their pairs (one rare pair
    instead of every 公 and 路): the same entries as the characters' phrase and as the rule
    read in Python — across a run of digits (东交2024交通 has no 东交通) and across marks
    (管。站 is the phrase 管站, as it always was)."""
    for title, body in PAIR_TEXTS:
        publish(title, body)
    assert indexer.pairs_indexed()
    docs = documents()
    with connection.cursor() as cursor:
        for phrase in PAIR_PHRASES:
            chars = tuple(segment.characters(phrase))
            want = sorted(
                (d[0] for d in docs if has(query.Alternative("chars", chars), d[2], d[3])),
                reverse=True,
            )
            found = {}
            for paired in (False, True):
                p = query.plan(((phrase,),), chars_only=True, paired=paired)
                assert [a.paired for group in p for a in group] == [paired], phrase
                ids = query.page_ids(cursor, p, Filters(), "date", 0, 50)
                found[paired] = (query.count(cursor, p, Filters(), 100), ids)
            entries = dict(SearchEntry.objects.values_list("item_id", "id"))
            assert sorted((entries[i] for i in found[True][1]), reverse=True) == want, phrase
            assert found[True] == found[False] == (len(want), found[True][1]), phrase
    assert query.fts5_of(query.plan((("公路养管",),), chars_only=True, paired=True)) == (
        'chars : "公路 路养 养管"'
    )
    # Through the page: 路养管 is no word of any document (jieba: 公路 养管), a phrase of one.
    results = search("路养管")
    assert results.approximate and [hit.item.title for hit in results.hits] == [
        "关于公路养管站的通知"
    ]
    assert results.total == 1


def _vocabulary():
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_fts_vocab")
        return {row[0] for row in cursor.fetchall()}


def test_an_index_written_before_the_pairs_is_read_as_it_was_until_a_rebuild(publish, chain_people):
    """Migration 0007 marks an index that holds entries as having no pairs: new entries are
    written like the old ones and the fallback asks for the characters' phrases; a rebuild
    writes the pairs and removes the mark."""
    from gongkai.publishing import services
    from gongkai.search.models import SearchSource, SearchTerm

    SearchTerm.objects.create(term=indexer.UNPAIRED_KEY, df=1)
    old = publish(*PAIR_TEXTS[0])
    other = publish("公路养管段职责", "公路养管段负责路面巡查。")
    assert not indexer.pairs_indexed()
    assert not IndexedText_of(old).paired
    assert "路养" not in _vocabulary()
    results = search("路养管")
    assert results.approximate and {hit.item.pk for hit in results.hits} == {old.pk, other.pk}
    # Withdrawn: FTS5 is told exactly what it was given (no pairs), and nothing is left.
    services.item_withdraw(item=old, by=chain_people["office"], reason="错误")
    assert [hit.item.pk for hit in search("路养管").hits] == [other.pk]
    if connection.vendor == "sqlite":
        assert "站" not in _vocabulary()
    assert indexer.rebuild() == 1
    assert indexer.pairs_indexed()
    assert IndexedText_of(other).paired
    if connection.vendor == "sqlite":
        assert {"路养", "段负"} <= _vocabulary()
    results = search("路养管")
    assert results.approximate and [hit.item.pk for hit in results.hits] == [other.pk]
    # Withdrawn with its pairs: they leave FTS5's vocabulary with it.
    services.item_withdraw(item=other, by=chain_people["office"], reason="错误")
    assert _vocabulary() == set()
    assert SearchSource.objects.count() == 0


def IndexedText_of(item):
    from gongkai.search.models import SearchSource

    data = SearchSource.objects.get(entry__item=item).data
    return indexer.IndexedText.unpack(data)
