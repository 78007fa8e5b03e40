"""Guided set-up for administrators: boards, schools, school years (/beheer/)."""

app_name = "setup"

urlpatterns: list = []
