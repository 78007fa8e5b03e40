from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/wachtwoord/<uidb64>/<token>/", views.password_set, name="password-set"),
    path("accounts/wachtwoord-vergeten/", views.password_forgot, name="password-forgot"),
    path("accounts/wachtwoord-vergeten/verstuurd/", views.password_forgot_sent, name="password-forgot-sent"),
    path("bestuur/<slug:board_slug>/inloggen/", views.sign_in_methods, name="sign-in-methods"),
    path("bestuur/<slug:board_slug>/inloggen/<int:pk>/uit/", views.sign_in_method_delete, name="sign-in-method-delete"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("<slug:school_slug>/team/uitnodigingen/", views.invite_list, name="invite-list"),
    path("<slug:school_slug>/team/uitnodigingen/<int:pk>/opnieuw/", views.invite_resend, name="invite-resend"),
    path("<slug:school_slug>/team/uitnodigingen/<int:pk>/intrekken/", views.invite_cancel, name="invite-cancel"),
    path("<slug:school_slug>/team/importeren/", views.import_upload, name="import-upload"),
    path("<slug:school_slug>/team/importeren/<int:pk>/", views.import_preview, name="import-preview"),
    path("<slug:school_slug>/team/importeren/<int:pk>/bevestigen/", views.import_confirm, name="import-confirm"),
]
