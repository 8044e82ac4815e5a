"""The 条例's yearly duties as pure functions: 第四十四条's grouping, 第十八条's review dates, and
when a 规范性文件 still marked 有效 must be updated."""

from datetime import date

from gongkai.inspection.duties import rules
from gongkai.inspection.duties.rules import Request

TODAY = date(2026, 6, 30)
ROAD = [
    "申请公开2025年示例县道路运输经营许可情况",
    "请提供示例县2025年道路运输经营许可的相关信息",
    "2025年示例县道路运输经营许可信息",
    "本人要求获取示例县2025年度道路运输经营许可情况",
]


def asked(n, description, *, who=None, result="disclosed", answered=date(2026, 5, 1), **extra):
    return Request(
        id=n,
        applicant=who or f"resident_id:{n}",
        description=description,
        result=result,
        answered=answered,
        **extra,
    )


def test_the_same_information_asked_by_three_applicants_makes_one_suggestion():
    requests = [asked(i, text) for i, text in enumerate(ROAD[:3], start=1)]
    requests.append(asked(9, "示例县2026年农村公路养护资金安排"))
    [suggestion] = rules.frequent_requests(requests, today=TODAY)
    assert suggestion.ids == {1, 2, 3}
    assert suggestion.applicants == 3
    assert suggestion.title == "2025年示例县道路运输经营许可"  # "…信息" trimmed
    assert suggestion.key == 1


def test_two_applicants_are_not_several():
    requests = [asked(1, ROAD[0]), asked(2, ROAD[1])]
    assert rules.frequent_requests(requests, today=TODAY) == []


def test_one_applicant_asking_three_times_counts_once():
    requests = [asked(i, text, who="resident_id:110") for i, text in enumerate(ROAD[:3], 1)]
    assert rules.frequent_requests(requests, today=TODAY) == []
    requests.append(asked(7, ROAD[3], who="credit_code:9135"))
    assert rules.frequent_requests(requests, today=TODAY) == []
    requests.append(asked(8, ROAD[3], who="resident_id:220"))
    [suggestion] = rules.frequent_requests(requests, today=TODAY)
    assert suggestion.applicants == 3 and len(suggestion.requests) == 5


def test_withheld_answers_are_not_counted():
    """第四十四条: only information 属于可以公开的 — answers that disclosed it, in whole or part."""
    requests = [
        asked(1, ROAD[0]),
        asked(2, ROAD[1], result="partial"),
        asked(3, ROAD[2], result="withheld_4"),
        asked(4, ROAD[3], result="unable_1"),
    ]
    assert rules.frequent_requests(requests, today=TODAY) == []
    requests.append(asked(5, ROAD[3], result="disclosed"))
    [suggestion] = rules.frequent_requests(requests, today=TODAY)
    assert suggestion.ids == {1, 2, 5}


def test_information_already_public_is_not_suggested():
    requests = [asked(i, text, already_public=True) for i, text in enumerate(ROAD[:3], 1)]
    assert rules.frequent_requests(requests, today=TODAY) == []


def test_only_answers_of_the_last_twelve_months_count():
    requests = [
        asked(1, ROAD[0], answered=date(2025, 6, 29)),
        asked(2, ROAD[1], answered=date(2026, 1, 5)),
        asked(3, ROAD[2], answered=date(2026, 6, 1)),
    ]
    assert rules.frequent_requests(requests, today=TODAY) == []
    on_the_day = [asked(1, ROAD[0], answered=date(2025, 6, 30)), *requests[1:]]
    [suggestion] = rules.frequent_requests(on_the_day, today=TODAY)
    assert suggestion.since == date(2026, 6, 1)
    assert rules.frequent_requests(requests, today=TODAY, months=13) != []


def test_the_number_of_applicants_is_configurable():
    requests = [asked(1, ROAD[0]), asked(2, ROAD[1])]
    assert len(rules.frequent_requests(requests, today=TODAY, min_applicants=2)) == 1


def test_the_same_doc_number_is_the_same_information_whatever_the_brackets():
    requests = [
        asked(1, "请公开示县交〔2025〕12号文件"),
        asked(2, "申请获取示县交[2025]第012号通知全文"),
        asked(3, "示县交（2025）12号"),
    ]
    [suggestion] = rules.frequent_requests(requests, today=TODAY)
    assert suggestion.ids == {1, 2, 3}


def test_different_doc_numbers_are_different_information_though_the_words_agree():
    requests = [
        asked(1, "请公开示县交〔2025〕12号文件"),
        asked(2, "请公开示县交〔2025〕13号文件"),
        asked(3, "请公开示县交〔2025〕14号文件"),
    ]
    assert rules.frequent_requests(requests, today=TODAY) == []


def test_a_title_in_book_brackets_names_the_information():
    requests = [
        asked(1, "本人申请获取《示例县城区道路改造工程征收补偿方案》"),
        asked(2, "《城区道路改造工程征收补偿方案》全文"),
        asked(3, "要求公开示例县城区道路改造工程的征收补偿方案"),
    ]
    [suggestion] = rules.frequent_requests(requests, today=TODAY)
    assert suggestion.title == "示例县城区道路改造工程征收补偿方案"
    assert not rules.same_information("《示例县公路养护办法》", "《示例县城区道路改造方案》")


def test_other_years_are_other_information():
    assert not rules.same_information(
        "2024年示例县道路运输经营许可情况", "2025年示例县道路运输经营许可情况", 0.9
    )
    assert rules.same_information(ROAD[0], ROAD[1])


def test_a_decided_group_comes_back_only_with_new_applications():
    requests = [asked(i, text) for i, text in enumerate(ROAD[:3], start=1)]
    suggestions = rules.frequent_requests(requests, today=TODAY)
    assert rules.pending(suggestions, [{1, 2, 3}]) == []
    more = rules.frequent_requests([*requests, asked(4, ROAD[3])], today=TODAY)
    assert [s.ids for s in rules.pending(more, [{1, 2, 3}])] == [{1, 2, 3, 4}]
    # One application ageing out of the period brings nothing new.
    later = rules.frequent_requests([*requests[1:], asked(4, ROAD[3])], today=TODAY)
    assert rules.pending(later, [{1, 2, 3, 4}]) == []


def test_the_note_cites_the_article_and_the_applications():
    note = rules.frequent_request_note(["YSQ-2026-0001", "YSQ-2026-0002"], 3)
    assert "条例第四十四条" in note and "YSQ-2026-0001、YSQ-2026-0002" in note


# --- 第十八条 ----------------------------------------------------------------------------------


def test_a_withheld_item_is_due_for_review_twelve_months_after_the_decision():
    due = rules.withheld_review_due(date(2025, 3, 10), None)
    assert due == date(2026, 3, 10)
    assert not rules.is_due(due, date(2026, 3, 9))
    assert rules.is_due(due, date(2026, 3, 10))
    assert rules.is_due(due, date(2026, 7, 1))


def test_the_next_review_runs_from_the_last_one():
    assert rules.withheld_review_due(date(2024, 1, 31), date(2025, 2, 28)) == date(2026, 2, 28)
    assert rules.withheld_review_due(date(2024, 1, 31), None, months=6) == date(2024, 7, 31)
    assert rules.withheld_review_due(date(2024, 8, 31), None, months=6) == date(2025, 2, 28)


# --- 规范性文件的有效性 -------------------------------------------------------------------------


def flag(today, **kwargs):
    facts = {"validity": "valid", "valid_until": None, "repealed_date": None, "replaced_on": None}
    return rules.validity_flag(**{**facts, **kwargs}, today=today)


def test_a_document_is_flagged_the_day_after_its_last_valid_day():
    last_day = date(2026, 6, 30)
    assert flag(date(2026, 6, 29), valid_until=last_day) is None
    assert flag(last_day, valid_until=last_day) is None  # 有效期至: still in force that day
    found = flag(date(2026, 7, 1), valid_until=last_day)
    assert found.since == date(2026, 7, 1)
    assert found.reason == "有效期至2026-06-30，已届满"


def test_a_repealed_or_replaced_document_still_marked_valid_is_flagged():
    assert flag(date(2026, 8, 31), repealed_date=date(2026, 9, 1)) is None
    assert flag(date(2026, 9, 1), repealed_date=date(2026, 9, 1)).reason == "已于2026-09-01废止"
    replaced = flag(date(2026, 9, 2), replaced_on=date(2026, 9, 1), replaced_by_title="新办法")
    assert replaced.reason == "已由《新办法》替代（2026-09-01发布）"
    both = flag(date(2026, 9, 2), repealed_date=date(2026, 9, 1), valid_until=date(2026, 3, 31))
    assert both.since == date(2026, 4, 1) and len(both.reasons) == 2


def test_documents_no_longer_marked_valid_are_not_flagged():
    for validity in ("expired", "repealed", "amended", ""):
        assert flag(date(2027, 1, 1), validity=validity, valid_until=date(2026, 6, 30)) is None


def test_in_force_on_31_december():
    from gongkai.publishing.rules import in_force_on

    end = date(2026, 12, 31)
    assert in_force_on("valid", None, None, end)
    assert in_force_on("amended", None, None, end)
    assert in_force_on("valid", date(2026, 12, 31), None, end)
    assert not in_force_on("valid", date(2026, 12, 30), None, end)  # ended, not yet updated
    assert not in_force_on("expired", date(2026, 6, 30), None, end)
    assert in_force_on("expired", date(2027, 3, 31), None, end)  # for the 2026 report
    assert not in_force_on("repealed", None, date(2026, 9, 1), end)
    assert in_force_on("repealed", None, date(2027, 1, 1), end)
    assert not in_force_on("repealed", None, None, end)
    assert not in_force_on("expired", None, None, end)
