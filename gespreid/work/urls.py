from django.urls import path

from . import facilitation_views, views

app_name = "work"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("uren/", views.budget_list, name="budget-list"),
    path("uren/<int:user_id>/", views.budget_edit, name="budget-edit"),
    path("instellingen/", views.settings_edit, name="settings-edit"),
    path("catalogus/", views.task_list, name="task-list"),
    path("catalogus/standaard/", views.task_defaults, name="task-defaults"),
    path("catalogus/nieuw/", views.task_create, name="task-create"),
    path("catalogus/<int:pk>/", views.task_edit, name="task-edit"),
    path("catalogus/<int:pk>/opruimen/", views.task_retire, name="task-retire"),
    path("catalogus/<int:pk>/terugzetten/", views.task_restore, name="task-restore"),
    path("voorkeuren/", views.preferences, name="preference-edit"),
    path("rollen/", facilitation_views.role_list, name="role-list"),
    path("rollen/nieuw/", views.role_create, name="role-create"),
    path("rollen/<int:pk>/", views.role_edit, name="role-edit"),
    path("rollen/<int:pk>/verwijderen/", views.role_delete, name="role-delete"),
    path("plan/", views.plan_detail, name="plan-detail"),
    path("plan/afdrukken/", views.plan_print, name="plan-print"),
    path("plan/export.xlsx", views.plan_export, name="plan-export"),
    path("plan/verdelen/", views.plan_solve, name="plan-solve"),
    path("plan/toewijzen/", views.assignment_add, name="assignment-add"),
    path("plan/toewijzing/<int:pk>/vastzetten/", views.assignment_pin, name="assignment-pin"),
    path("plan/toewijzing/<int:pk>/weghalen/", views.assignment_remove, name="assignment-remove"),
    path("plan/uitsluiting/<int:pk>/opheffen/", views.exclusion_delete, name="exclusion-delete"),
    path("plan/tekst/", views.plan_text, name="plan-text"),
    path("plan/delen/", views.plan_share, name="plan-share"),
    path("plan/voorleggen/", views.plan_consult, name="plan-consult"),
    path("plan/pmr/", views.plan_pmr, name="plan-pmr"),
    path("plan/vaststellen/", views.plan_adopt, name="plan-adopt"),
    path("plan/terug-naar-concept/", views.plan_reopen, name="plan-reopen"),
    path("plan/ronde-sluiten/", views.plan_close_round, name="plan-close-round"),
    path("plan/boven-de-uren/", views.plan_confirm_over, name="plan-confirm-over"),
]

# Facilitated time and positioning (issue 15): their own module, so shared files change little.
fv = facilitation_views

urlpatterns += [
    path("dagdelen/", fv.calendar, name="facilitation-calendar"),
    path("dagdelen/mijn/", fv.mine, name="facilitation-mine"),
    path("dagdelen/mijn/agenda-adres/", fv.feed_renew, name="feed-renew"),
    path("dagdelen/mijn/agenda-adres/intrekken/", fv.feed_revoke, name="feed-revoke"),
    path("dagdelen/<int:pk>/weghalen/", fv.dagdeel_remove, name="dagdeel-remove"),
    path("rollen/<int:pk>/dagdelen/", fv.role_dagdelen, name="role-dagdelen"),
    path("werkgroepen/<int:pk>/dagdelen/", fv.group_dagdelen, name="group-dagdelen"),
    path("rollen/<int:pk>/aankondigen/", fv.role_announce, name="role-announce"),
    path("rollen/<int:pk>/aankondiging/", fv.announcement_review, name="announcement-review"),
    path("rollen/<int:pk>/aankondiging/akkoord/", fv.announcement_approve, name="announcement-approve"),
    path("rollen/<int:pk>/aankondiging/aanpassen/", fv.announcement_changes, name="announcement-changes"),
]
