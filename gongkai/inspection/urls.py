from django.urls import path

from . import views

app_name = "inspection"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ranking/", views.ranking, name="ranking"),
    path("agency/<str:code>/", views.overview, name="agency"),
    path("agency/<str:code>/report.<str:fmt>", views.report, name="report"),
]
