"""The board's page: school totals of accepted professionalisation (no person's plan)."""

from django.urls import path

from . import views

app_name = "development-board"

urlpatterns = [path("", views.board_totals, name="totals")]
