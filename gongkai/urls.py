from django.contrib import admin
from django.urls import include, path

from gongkai.api.api import api
from gongkai.api.docs import docs_page as api_docs
from gongkai.core import views as core_views

admin.site.site_header = "政务公开管理后台"
admin.site.site_title = "政务公开管理后台"
admin.site.index_title = "系统配置"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("gongkai.accounts.urls")),
    path("staff/", include("gongkai.workbench.urls")),
    path("staff/org/", include("gongkai.org.urls")),
    path("staff/audit/", include("gongkai.audit.urls")),
    path("staff/workdays/", include("gongkai.workdays.urls")),
    path("staff/publishing/", include("gongkai.publishing.urls")),
    path("staff/applications/", include("gongkai.applications.urls")),
    path("staff/reports/", include("gongkai.annual_reports.urls")),
    path("staff/workplans/", include("gongkai.workplans.urls")),
    path("staff/interaction/", include("gongkai.interaction.urls")),
    path("staff/statistics/", include("gongkai.statistics.urls")),
    path("staff/inspection/", include("gongkai.inspection.urls")),
    path("staff/tasks/", include("gongkai.core.task_urls")),
    path("staff/exports/", include("gongkai.core.export_urls")),
    path("admin/", admin.site.urls),
    path("api/", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("", include("gongkai.applications.public_urls")),
    path("", include("gongkai.interaction.public_urls")),
    path("", include("gongkai.portal.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
