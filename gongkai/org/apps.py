from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "gongkai.org"
    verbose_name = "机构与人员"
