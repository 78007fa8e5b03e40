from django.urls import path

from . import views

app_name = "innovations"

urlpatterns = [
    path("", views.trajectory_list, name="trajectory-list"),
    path("nieuw/", views.trajectory_create, name="trajectory-create"),
    path("<int:pk>/", views.trajectory_detail, name="trajectory-detail"),
    path("<int:pk>/bewerken/", views.trajectory_edit, name="trajectory-edit"),
    path("<int:pk>/fase/", views.trajectory_phase, name="trajectory-phase"),
    path("<int:pk>/tempo/", views.trajectory_slowdown, name="trajectory-slowdown"),
    path("<int:pk>/mijlpalen/nieuw/", views.milestone_create, name="milestone-create"),
    path("<int:pk>/mijlpalen/<int:milestone_pk>/", views.milestone_edit, name="milestone-edit"),
    path("<int:pk>/check-ins/nieuw/", views.checkin_create, name="checkin-create"),
    path("<int:pk>/check-ins/<int:checkin_pk>/", views.checkin_detail, name="checkin-detail"),
    path("<int:pk>/check-ins/<int:checkin_pk>/antwoorden/", views.checkin_answer, name="checkin-answer"),
    path("<int:pk>/check-ins/<int:checkin_pk>/sluiten/", views.checkin_close, name="checkin-close"),
    path("<int:pk>/borgen/nieuw/", views.embedding_create, name="embedding-create"),
    path("<int:pk>/borgen/<int:embedding_pk>/herzien/", views.embedding_review, name="embedding-review"),
]
