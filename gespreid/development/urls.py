from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("", views.home, name="home"),
    path("pop/doel/nieuw/", views.goal_create, name="goal-create"),
    path("pop/doel/<int:pk>/", views.goal_edit, name="goal-edit"),
    path("pop/doel/<int:pk>/verwijderen/", views.goal_delete, name="goal-delete"),
    path("pop/activiteit/nieuw/", views.activity_create, name="activity-create"),
    path("pop/activiteit/<int:pk>/", views.activity_edit, name="activity-edit"),
    path("pop/activiteit/<int:pk>/verwijderen/", views.activity_delete, name="activity-delete"),
    path("pop/activiteit/<int:pk>/aanvragen/", views.activity_request, name="activity-request"),
    path("pop/activiteit/<int:pk>/afgerond/", views.activity_done, name="activity-done"),
    path("team/", views.team, name="team"),
    path("team/budget/", views.budget_edit, name="budget-edit"),
    path("team/<int:user_id>/", views.plan_shared, name="plan-shared"),
    path("team/activiteit/<int:pk>/besluit/", views.activity_decide, name="activity-decide"),
    path("leiderschap/nieuw/", views.assessment_create, name="assessment-create"),
    path("leiderschap/<int:pk>/delen/", views.assessment_share, name="assessment-share"),
    path("coaching/nieuw/", views.series_create, name="series-create"),
    path("coaching/<int:pk>/", views.series_detail, name="series-detail"),
    path("coaching/<int:pk>/agenda/", views.agenda_add, name="agenda-add"),
    path("coaching/<int:pk>/afspraak/", views.agreement_add, name="agreement-add"),
    path("coaching/<int:pk>/notitie/", views.note_add, name="note-add"),
    path("coaching/<int:pk>/gesprek/", views.meeting_add, name="meeting-add"),
    path("coaching/afspraak/<int:pk>/klaar/", views.agreement_done, name="agreement-done"),
    path("coaching/gesprek/<int:pk>/uitnodiging.ics", views.meeting_ics, name="meeting-ics"),
    path("feedback/nieuw/", views.feedback_create, name="feedback-create"),
    path("feedback/<int:pk>/", views.feedback_detail, name="feedback-detail"),
]
