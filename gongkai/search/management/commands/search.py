"""``gongkai search reindex``: rebuild the full-text index from the public items."""

import os
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gongkai.publishing.models import InformationItem
from gongkai.search import indexer


class Command(BaseCommand):
    help = "全文检索：reindex（重建索引）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="按公开信息重建全文索引")
        reindex.add_argument("--batch", type=int, default=2000)
        reindex.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="分词进程数（默认为CPU核数）"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        total = InformationItem.objects.published().count()
        with tqdm(total=total, desc="重建索引", unit="条", disable=None) as bar:
            done = indexer.rebuild(
                batch_size=options["batch"], workers=options["workers"], progress=bar.update
            )
        elapsed = time.perf_counter() - started
        rate = done / elapsed if elapsed else 0
        self.stdout.write(f"已重建索引：{done} 条，用时 {elapsed:.1f} 秒（{rate:.0f} 条/秒）。")
