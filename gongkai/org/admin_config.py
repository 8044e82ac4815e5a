from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    """Django's admin with Gongkai's site: role-based access, one login page."""

    default_site = "gongkai.org.admin_site.GongkaiAdminSite"
