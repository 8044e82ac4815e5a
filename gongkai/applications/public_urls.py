"""The applicant's pages, mounted at the site root (before the portal's URLs)."""

from django.urls import path

from . import public_views as views

app_name = "apply"
urlpatterns = [
    path("xxgk/<str:code>/apply/", views.apply_form, name="form"),
    path("xxgk/<str:code>/apply/done/", views.apply_done, name="done"),
    path("apply/track/", views.track, name="track"),
    path("apply/track/<str:number>/", views.result, name="result"),
    path("apply/track/<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path("apply/track/<str:number>/letters/<int:pk>/<str:fmt>/", views.letter, name="letter"),
    path("apply/track/<str:number>/files/<int:pk>/", views.answer_file, name="file"),
]
