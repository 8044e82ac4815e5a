from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("<int:year>/", views.year_view, name="year"),
    path("calendar/", views.year_view, name="this_year"),
]
