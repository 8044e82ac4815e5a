"""What every app numbers with: one counter table for 索引号, 申请编号, 留言编号 and letters' 文号."""

from django.db import models


class SerialCounter(models.Model):
    """The last serial handed out in a scope (e.g. ``index:12:0204``, ``application:12``) and
    year. Serials never go back, so a number once given is never given again."""

    audit_log = False

    scope = models.CharField("编号范围", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "流水号"
        verbose_name_plural = "流水号"
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="serial_counter_unique")
        ]

    def __str__(self):
        return f"{self.scope} {self.year}: {self.last}"
