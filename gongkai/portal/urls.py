from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .feeds import AgencyFeed, ColumnFeed
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("mode/", views.mode, name="mode"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("files/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path("xxgk/<str:code>/", views.agency_home, name="agency"),
    path("xxgk/<str:code>/rss.xml", AgencyFeed(), name="agency_feed"),
    path("xxgk/<str:code>/column/<int:pk>/", views.column, name="column"),
    path("xxgk/<str:code>/column/<int:pk>/rss.xml", ColumnFeed(), name="column_feed"),
    path("xxgk/<str:code>/item/<int:pk>/", views.item, name="item"),
    path("xxgk/<str:code>/item/<int:pk>/qr.svg", views.item_qr, name="item_qr"),
]
