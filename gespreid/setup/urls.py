"""Guided set-up for administrators: boards, schools, school years (/beheer/)."""

from django.urls import path

from gespreid.core import mail_views

from . import views as setup_views

app_name = "setup"

urlpatterns = [
    path("", setup_views.setup_index, name="index"),
    path("besturen/nieuw/", setup_views.board_create, name="board-create"),
    path("mail/", mail_views.mail_failed, name="mail-failed"),
    path("mail/<int:pk>/opnieuw/", mail_views.mail_retry, name="mail-retry"),
    path("taken/", mail_views.jobs_failed, name="jobs-failed"),
]
