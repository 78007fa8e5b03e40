from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="group-list"),
    path("nieuw/", views.group_create, name="group-create"),
    path("<int:pk>/", views.group_detail, name="group-detail"),
    path("<int:pk>/bewerken/", views.group_edit, name="group-edit"),
    path("<int:pk>/meedoen/", views.group_join, name="group-join"),
    path("<int:pk>/uitstappen/", views.group_leave, name="group-leave"),
    path("<int:pk>/fase/", views.group_stage, name="group-stage"),
    path("<int:pk>/cyclus/nieuw/", views.entry_create, name="entry-create"),
    path("<int:pk>/bestanden/<int:entry_pk>/", views.entry_file, name="entry-file"),
    path("<int:pk>/overleg/", views.meeting_list, name="meeting-list"),
    path("<int:pk>/overleg/nieuw/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/acties/<int:action_pk>/", views.action_toggle, name="action-toggle"),
]
