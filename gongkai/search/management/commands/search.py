"""``gongkai search reindex``: rebuild the full-text index from the public items."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from gongkai.publishing.models import InformationItem
from gongkai.search import indexer


class Command(BaseCommand):
    help = "全文检索：reindex（重建索引）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="按公开信息重建全文索引")
        reindex.add_argument("--batch", type=int, default=500)

    def handle(self, *args, **options):
        started = time.perf_counter()
        items = InformationItem.objects.published().select_related("agency", "entry")
        total = items.count()
        indexer.clear()
        done = 0
        with tqdm(total=total, desc="重建索引", unit="条", disable=None) as bar:
            ids = list(items.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), options["batch"]):
                batch = items.filter(pk__in=ids[start : start + options["batch"]])
                with transaction.atomic():
                    for item in batch:
                        indexer.index(item)
                        done += 1
                bar.update(len(ids[start : start + options["batch"]]))
        indexer.optimise()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"已重建索引：{done} 条，用时 {elapsed:.1f} 秒。")
