"""/bestuur/<board_slug>/netwerk/: the board's network, totals only."""

from django.urls import path

from . import board_views

app_name = "network-board"

urlpatterns = [
    path("", board_views.board_network, name="overview"),
]
