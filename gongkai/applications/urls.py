from django.urls import path

from . import appeal_views, views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/action/<str:name>/", views.action, name="action"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/files/", views.upload_file, name="upload_file"),
    path("<int:pk>/appeals/", views.add_appeal, name="add_appeal"),
    path("<int:pk>/code/", views.code_reset, name="code_reset"),
    path("appeals/", appeal_views.appeal_list, name="appeals"),
    path("appeals/<int:pk>/", appeal_views.appeal_edit, name="edit_appeal"),
    path("letters/<int:pk>/regenerate/", views.letter_regenerate, name="letter_regenerate"),
    path("letters/<int:pk>/<str:fmt>/", views.letter_download, name="letter"),
]
