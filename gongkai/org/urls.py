from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("<str:code>/", views.agency_detail, name="agency_detail"),
]
