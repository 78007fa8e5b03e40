from django.urls import path

from . import mail_views, views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("accounts/e-mail/", mail_views.mail_settings, name="mail-settings"),
    path("accounts/e-mail/uit/<str:token>/", mail_views.mail_unsubscribe, name="mail-unsubscribe"),
    path("<slug:school_slug>/", views.home, name="home"),
    path("<slug:school_slug>/team/", views.team, name="team"),
    path("<slug:school_slug>/team/<int:pk>/", views.member_edit, name="member-edit"),
    path("<slug:school_slug>/team/<int:pk>/uit-team/", views.member_deactivate, name="member-deactivate"),
    path("<slug:school_slug>/logboek/", views.audit_log, name="audit-log"),
    path("<slug:school_slug>/meldingen/", views.notifications, name="notifications"),
    path("<slug:school_slug>/achtergrond/<int:pk>/", mail_views.job_status, name="job-status"),
    path("<slug:school_slug>/meldingen/gelezen/", views.notifications_read, name="notifications-read"),
]
