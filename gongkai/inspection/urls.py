from django.urls import path

from . import views
from .duties import views as duties

app_name = "inspection"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("ranking/", views.ranking, name="ranking"),
    path("agency/<str:code>/", views.overview, name="agency"),
    path("agency/<str:code>/report.<str:fmt>", views.report, name="report"),
    # The 条例's yearly duties: 第四十四条, 第十八条, 规范性文件的有效性.
    path("duties/", duties.duties, name="duties"),
    path("duties/frequent/", duties.frequent_list, name="frequent_list"),
    path("duties/frequent/<int:application_id>/", duties.frequent_detail, name="frequent_detail"),
    path("duties/withheld/", duties.withheld_list, name="withheld_list"),
    path("duties/withheld/<int:pk>/", duties.withheld_review, name="withheld_review"),
    path("duties/validity/", duties.validity_list, name="validity_list"),
    path("duties/validity/<int:pk>/", duties.validity_update, name="validity_update"),
]
