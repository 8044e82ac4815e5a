from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = "账号与登录"

    def ready(self):
        from . import workbench  # noqa: F401  (registers the workbench provider)
