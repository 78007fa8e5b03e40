from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.proposal_list, name="proposal-list"),
    path("nieuw/", views.proposal_create, name="proposal-create"),
    path("besluitenlijst/", views.decision_log, name="decision-log"),
    path("instellingen/", views.settings_edit, name="settings-edit"),
    path("<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("<int:pk>/bewerken/", views.proposal_edit, name="proposal-edit"),
    path("<int:pk>/versies/<int:number>/", views.version_detail, name="version-detail"),
    path("<int:pk>/ronde/nieuw/", views.round_open, name="round-open"),
    path("<int:pk>/ronde/<int:round_pk>/reageren/", views.round_respond, name="round-respond"),
    path("<int:pk>/ronde/<int:round_pk>/sluitdatum/", views.round_closing, name="round-closing"),
    path("<int:pk>/ronde/<int:round_pk>/sluiten/", views.round_close, name="round-close"),
    path("<int:pk>/bezwaar/<int:objection_pk>/", views.objection_detail, name="objection-detail"),
]
