from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("", views.priority_list, name="priority-list"),
    path("nieuw/", views.priority_create, name="priority-create"),
    path("vacature/", views.vacancy, name="vacancy"),
    path("vacature/tekst.txt", views.vacancy_export, name="vacancy-export"),
    path("expertise/<int:pk>/route/", views.gap_route, name="gap-route"),
    path("<int:pk>/", views.priority_detail, name="priority-detail"),
    path("<int:pk>/bewerken/", views.priority_edit, name="priority-edit"),
    path("<int:pk>/expertise/", views.requirement_add, name="requirement-add"),
    path("expertise/<int:pk>/verwijderen/", views.requirement_delete, name="requirement-delete"),
]
