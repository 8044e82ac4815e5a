from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [path("", views.statistics, name="page")]
