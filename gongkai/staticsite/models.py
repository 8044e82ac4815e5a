"""The static site's own record: each file written (its hash, so that only changes are written
and pushed) and each full build (so that an interrupted one resumes)."""

from django.db import models


class SiteBuild(models.Model):
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    pages = models.PositiveIntegerField("页面数", default=0)
    written = models.PositiveIntegerField("写入", default=0)
    removed = models.PositiveIntegerField("删除", default=0)

    class Meta:
        verbose_name = "静态站点生成"
        verbose_name_plural = "静态站点生成"

    def __str__(self):
        return f"第{self.pk}次生成"


class SitePage(models.Model):
    url = models.CharField("地址", max_length=1500, unique=True)
    file = models.CharField("文件", max_length=1000)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小")
    kind = models.CharField("类别", max_length=10, default="platform")
    agency_id = models.BigIntegerField("机关", null=True, db_index=True)
    item_id = models.BigIntegerField("信息", null=True, db_index=True)
    #: The public generation of the page's scope (gongkai.portal.caching) read before it was
    #: rendered: a slower task that rendered older data never overwrites a newer page.
    generation = models.BigIntegerField("版本", default=0)
    build = models.ForeignKey(SiteBuild, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField("写入时间")

    class Meta:
        verbose_name = "静态页面"
        verbose_name_plural = "静态页面"

    def __str__(self):
        return self.url
