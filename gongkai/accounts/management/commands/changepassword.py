"""``gongkai changepassword USERNAME``: Django's command, but the password it sets is the shell
user's, not the owner's, so the owner must replace it at the next login (三员分立: this is how the
系统管理员 resets the 审计管理员's or their own password; docs/deploy.md)."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword


class Command(changepassword.Command):
    help = "重置用户密码；除初始超级用户外，本人下次登录时须先修改密码。"

    def handle(self, *args, **options):
        result = super().handle(*args, **options)
        username = options["username"] or getpass.getuser()
        user_model = get_user_model()
        user = user_model._default_manager.using(options["database"]).get(
            **{user_model.USERNAME_FIELD: username}
        )
        # The bootstrap superuser is set up (and reset) by whoever holds the shell.
        if not user.is_superuser:
            user.must_change_password = True
            user.save(update_fields=["must_change_password"])
        return result
