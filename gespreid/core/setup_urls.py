"""Guided set-up for administrators: boards, schools, school years (/beheer/)."""

from django.urls import path

from . import setup_views

app_name = "setup"

urlpatterns = [
    path("", setup_views.setup_index, name="index"),
    path("besturen/nieuw/", setup_views.board_create, name="board-create"),
]
