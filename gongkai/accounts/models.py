from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff account (工作人员账号). What a person may do comes from their memberships (org)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # A password someone else set (the 安全管理员 in /admin/, a shell command) is known to them:
    # the owner replaces it before doing anything else (PasswordChangeRequiredMiddleware).
    must_change_password = models.BooleanField(
        "须修改密码",
        default=False,
        help_text="密码由他人设置，本人下次登录后须先修改密码。",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_username()
