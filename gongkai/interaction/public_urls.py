"""互动交流 on the portal, mounted at the site root (before the portal's URLs)."""

from django.urls import path

from . import public_views as views

app_name = "interaction_public"
urlpatterns = [
    path("hudong/", views.platform_list, name="list"),
    path("xxgk/<str:code>/hudong/", views.agency_list, name="agency"),
    path("xxgk/<str:code>/hudong/write/", views.write, name="write"),
    path("xxgk/<str:code>/hudong/done/", views.done, name="done"),
    path("xxgk/<str:code>/hudong/<int:pk>/", views.detail, name="detail"),
]
