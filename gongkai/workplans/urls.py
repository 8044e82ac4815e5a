from django.urls import path

from . import views

app_name = "workplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("<int:pk>/", views.plan_board, name="board"),
    path("<int:pk>/units/", views.plan_mapping, name="mapping"),
    path("<int:pk>/remind/", views.plan_remind, name="remind"),
    path("<int:pk>/report/", views.plan_report, name="report"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/deadline/", views.task_deadline, name="task_deadline"),
    path("tasks/<int:pk>/remind/", views.task_remind, name="task_remind"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="attachment"),
]
