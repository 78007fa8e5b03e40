from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("accounts/mijn-gegevens/", views.my_data, name="my-data"),
    path("<slug:school_slug>/team/vertrokken/", views.former_members, name="former-members"),
    path("<slug:school_slug>/team/vertrokken/<int:pk>/wissen/", views.member_erase, name="member-erase"),
    path("<slug:school_slug>/bewaartermijnen/", views.retention_edit, name="retention-edit"),
]
