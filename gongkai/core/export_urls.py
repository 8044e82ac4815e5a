from django.urls import path

from . import export_views as views

app_name = "exports"
urlpatterns = [
    path("<uuid:pk>/", views.export_detail, name="detail"),
    path("<uuid:pk>/download/", views.export_download, name="download"),
]
