"""A publisher in its own process: publishes COUNT items of agency CODE at the last review step.

Run by test_index_concurrency.py, several at once, against one real database.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from gongkai.publishing import services  # noqa: E402
from gongkai.publishing.models import CatalogueEntry, InformationItem, ReviewStep  # noqa: E402


def main(code: str, count: int, worker: int) -> None:
    User = get_user_model()
    drafter, office = User.objects.get(username="xiaoli"), User.objects.get(username="xiaolin")
    entry = CatalogueEntry.objects.get(agency__code=code, name="其他文件")
    last = ReviewStep.objects.filter(agency=entry.agency).order_by("-order").first()
    for n in range(count):
        item = InformationItem.objects.create(
            agency=entry.agency,
            entry=entry,
            drafter=drafter,
            title=f"并发发布{worker}-{n}",
            body="<p>正文</p>",
            status=InformationItem.Status.IN_REVIEW,
            current_step=last.order,
        )
        services.item_approve(item=item, by=office)
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
