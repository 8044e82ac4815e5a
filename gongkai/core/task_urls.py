from django.urls import path

from . import task_views as views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("<uuid:pk>/retry/", views.task_retry, name="retry"),
]
