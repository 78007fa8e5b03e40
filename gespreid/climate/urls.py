from django.urls import path

from . import views

app_name = "climate"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("rondes/nieuw/", views.round_create, name="round-create"),
    path("rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path("rondes/<int:pk>/wijzigen/", views.round_edit, name="round-edit"),
    path("rondes/<int:pk>/invullen/", views.round_answer, name="round-answer"),
    path("rondes/<int:pk>/sluiten/", views.round_close, name="round-close"),
    path("rondes/<int:pk>/delen/", views.round_share, name="round-share"),
    path("rondes/<int:pk>/uitkomst.csv", views.round_export, name="round-export"),
    path("rondes/<int:pk>/focuspunten/nieuw/", views.focus_create, name="focus-create"),
    path("focuspunten/<int:pk>/", views.focus_update, name="focus-update"),
    path("stellingen/", views.statement_list, name="statement-list"),
    path("stellingen/<int:pk>/aan-uit/", views.statement_toggle, name="statement-toggle"),
    path("instellingen/", views.settings_edit, name="settings"),
]

# /bestuur/<board_slug>/klimaat/
board_urlpatterns = [path("", views.board_overview, name="board-overview")]
