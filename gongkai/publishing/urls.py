from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("items/<int:pk>/review/", views.item_review, name="item_review"),
    path("items/<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path("items/<int:pk>/correct/", views.item_correct, name="item_correct"),
    path("items/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/apply/", views.catalogue_apply, name="catalogue_apply"),
    path("catalogue/new/", views.catalogue_edit, name="catalogue_new"),
    path("catalogue/<int:pk>/", views.catalogue_edit, name="catalogue_edit"),
    path("ledger/", views.ledger_view, name="ledger"),
]
