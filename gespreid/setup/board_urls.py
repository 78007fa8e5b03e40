"""Board pages (/bestuur/<board_slug>/) for board members and board administrators."""

from django.urls import path

from . import views as setup_views

app_name = "board"

urlpatterns = [
    path("", setup_views.overview, name="overview"),
    path("scholen/nieuw/", setup_views.school_create, name="school-create"),
    path("scholen/<int:pk>/wijzigen/", setup_views.school_edit, name="school-edit"),
    path("scholen/<int:pk>/schoolleider/", setup_views.leader_invite, name="leader-invite"),
    path("schooljaren/klaarzetten/", setup_views.year_prepare, name="year-prepare"),
]
