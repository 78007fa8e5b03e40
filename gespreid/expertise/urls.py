from django.urls import path

from . import views

app_name = "expertise"

urlpatterns = [
    path("", views.matrix_view, name="matrix"),
    path("matrix.xlsx", views.matrix_export, name="matrix-export"),
    path("palet/", views.palette_view, name="palette"),
    path("zoeken/", views.search_view, name="search"),
    path("profiel/", views.profile_mine, name="profile-mine"),
    path("profiel/opslaan/", views.entry_save, name="entry-save"),
    path("profiel/instellingen/", views.settings_save, name="settings-save"),
    path("profiel/klopt/", views.profile_confirm, name="profile-confirm"),
    path("profiel/overnemen/", views.profile_copy, name="profile-copy"),
    path("profiel/voorstel/<int:pk>/overnemen/", views.suggestion_accept, name="suggestion-accept"),
    path("profiel/voorstel/<int:pk>/afwijzen/", views.suggestion_decline, name="suggestion-decline"),
    path("kwaliteiten/", views.team_qualities, name="team-qualities"),
    path("mensen/<int:user_id>/", views.profile_detail, name="profile-detail"),
    path("mensen/<int:user_id>/voorstel/", views.suggestion_create, name="suggestion-create"),
    path("vakgebieden/", views.taxonomy_view, name="taxonomy"),
    path("vakgebieden/nieuw/", views.area_create, name="area-create"),
    path("vakgebieden/domein/nieuw/", views.domain_create, name="domain-create"),
    path("vakgebieden/<int:pk>/naam/", views.area_rename, name="area-rename"),
    path("vakgebieden/<int:pk>/buiten-gebruik/", views.area_retire, name="area-retire"),
    path("vakgebieden/<int:pk>/terug/", views.area_restore, name="area-restore"),
    path("ronde/", views.round_detail, name="round-detail"),
    path("ronde/start/", views.round_start, name="round-start"),
    path("ronde/<int:pk>/sluiten/", views.round_close, name="round-close"),
]
