from django.core.exceptions import ValidationError
from django.db import models


class HolidayYear(models.Model):
    """A year whose holiday arrangement (节假日安排) is known; dates outside these years raise."""

    class Source(models.TextChoices):
        PACKAGE = "package", "chinese-calendar 数据包"
        MANUAL = "manual", "管理员录入"

    year = models.PositiveIntegerField("年度", unique=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.MANUAL)
    notice = models.CharField(
        "依据",
        max_length=200,
        blank=True,
        help_text="如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    is_complete = models.BooleanField(
        "已完整录入",
        default=False,
        help_text="全部放假日和调休上班日录入完毕后勾选；勾选前该年的期限无法计算。",
    )

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    """One exception to Monday–Friday: a holiday off (放假) or a weekend day worked (调休上班)."""

    year = models.ForeignKey(
        HolidayYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", help_text="勾选：上班（调休）；不勾选：放假。")
    name = models.CharField("节日或说明", max_length=50, help_text="如：国庆节")
    source = models.CharField(
        "来源",
        max_length=10,
        choices=HolidayYear.Source.choices,
        default=HolidayYear.Source.MANUAL,
    )

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}{'调休上班' if self.is_workday else '放假'}"

    def clean(self):
        if self.date and self.year_id and self.date.year != self.year.year:
            raise ValidationError({"date": f"日期不在{self.year.year}年内。"})
