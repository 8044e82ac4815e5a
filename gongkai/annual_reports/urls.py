from django.urls import path

from . import views

app_name = "annual_reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("prepare/", views.report_prepare, name="prepare"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/rollup.xlsx", views.rollup_xlsx, name="rollup"),
    path("supervision/<str:code>/upload/", views.external_upload, name="external_upload"),
    path("supervision/<str:code>/read/", views.external_read, name="external_read"),
    path("supervision/<str:code>/url/", views.external_url, name="external_url"),
    path("check/", views.check_upload, name="check"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/redraft/", views.report_redraft, name="redraft"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/table2/", views.table2_upload, name="table2_upload"),
    path("<int:pk>/table2/correct/", views.table2_correct, name="table2_correct"),
    path("<int:pk>/export/<str:fmt>/", views.report_export, name="export"),
]
