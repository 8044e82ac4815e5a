"""When annual reports are due (条例第四十九条; 2021 format 二、报告方式及时间)."""

from __future__ import annotations

from datetime import date

GOVERNMENT_LEVELS = {"province", "city", "county"}


def publication_due(*, kind: str, level: str, year: int) -> date:
    """Departments and townships publish by 31 January; a government's own report by 31 March."""
    if kind == "government" and level in GOVERNMENT_LEVELS:
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def collection_due(*, level: str, year: int) -> date | None:
    """A government's disclosure office collects its subordinates' reports: 县 by 2月20日,
    地市 by 3月10日, 省 by 3月31日."""
    return {
        "county": date(year + 1, 2, 20),
        "city": date(year + 1, 3, 10),
        "province": date(year + 1, 3, 31),
    }.get(level)


def on_time(published: date | None, due: date, today: date) -> str:
    """按时 / 逾期发布 / 未发布（未到期）/ 逾期未发布."""
    if published is not None:
        return "按时发布" if published <= due else "逾期发布"
    return "未发布" if today <= due else "逾期未发布"
