"""Staff pages of 互动交流, mounted at /staff/interaction/."""

from django.urls import path

from . import opinion_views, proposal_views, views

app_name = "interaction"
urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("register/", views.message_register, name="message_register"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("<int:pk>/action/<str:name>/", views.message_action, name="message_action"),
    path("<int:pk>/review/", views.message_review, name="message_review"),
    path("<int:pk>/publish/", views.message_publish, name="message_publish"),
    path("figures/", views.figures, name="figures"),
    path("proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("proposals/register/", proposal_views.proposal_register, name="proposal_register"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/answer/", proposal_views.proposal_answer, name="proposal_answer"),
    path("proposals/<int:pk>/publish/", proposal_views.proposal_publish, name="proposal_publish"),
    path(
        "proposals/<int:pk>/document/", proposal_views.proposal_document, name="proposal_document"
    ),
    path("opinions/", opinion_views.opinion_list, name="opinion_list"),
    path("opinions/register/", opinion_views.opinion_register, name="opinion_register"),
    path("opinions/<int:pk>/", opinion_views.opinion_detail, name="opinion_detail"),
]
