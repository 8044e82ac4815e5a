"""Which applications belong to which year of the annual report (表三 一、二、三、四).

An application is *received* on its date of receipt and *closed* on its answer date. Within a year:
本年新收 = received in the year; 上年结转 = received before the year and still open at its start;
办理结果 = closed in the year; 结转下年度 = received by 31 December and still open after it.
So 一 + 二 = 三(七) + 四 holds by construction, and each application is carried over exactly once
across each year end it spans.
"""

from datetime import date

from django.db.models import Q

from .models import Application


def _received(agency):
    return Application.objects.filter(agency=agency, received_date__isnull=False)


def received_in(agency, year: int):
    return _received(agency).filter(received_date__year=year)


def carried_into(agency, year: int):
    """上年结转: received before 1 January of ``year`` and not closed before it."""
    start = date(year, 1, 1)
    return (
        _received(agency)
        .filter(received_date__lt=start)
        .filter(Q(answered_date__isnull=True) | Q(answered_date__gte=start))
    )


def closed_in(agency, year: int):
    return _received(agency).filter(answered_date__year=year)


def carried_over(agency, year: int):
    """结转下年度: received by 31 December of ``year`` and not closed by then."""
    end = date(year, 12, 31)
    return (
        _received(agency)
        .filter(received_date__lte=end)
        .filter(Q(answered_date__isnull=True) | Q(answered_date__gt=end))
    )
