from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("rondes/nieuw/", views.round_create, name="round-create"),
    path("rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path("rondes/<int:pk>/invullen/", views.round_answer, name="round-answer"),
    path("rondes/<int:pk>/sluiten/", views.round_close, name="round-close"),
    path("rondes/<int:pk>/tekening.svg", views.round_drawing, name="round-drawing"),
    path("rondes/<int:pk>/uitkomsten.csv", views.round_export, name="round-export"),
    path("contacten/", views.contact_list, name="contact-list"),
    path("contacten/nieuw/", views.contact_create, name="contact-create"),
    path("contacten/<int:pk>/", views.contact_edit, name="contact-edit"),
    path("contacten/<int:pk>/verwijderen/", views.contact_delete, name="contact-delete"),
]
