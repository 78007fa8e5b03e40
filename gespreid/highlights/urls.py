from django.urls import path

from . import views

app_name = "highlights"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("nieuw/", views.post_create, name="post-create"),
    path("mijn/", views.my_posts, name="my-posts"),
    path("overzicht/", views.overview, name="overview"),
    path("<int:pk>/", views.post_detail, name="post-detail"),
    path("<int:pk>/aanpassen/", views.post_edit, name="post-edit"),
    path("<int:pk>/verwijderen/", views.post_delete, name="post-delete"),
    path("<int:pk>/mooi/", views.post_appreciate, name="post-appreciate"),
    path("<int:pk>/offline/", views.post_offline, name="post-offline"),
    path("media/<uuid:key>/", views.media_file, name="media-file"),
    path("media/<uuid:key>/poster/", views.media_poster, name="media-poster"),
    path("moderatie/", views.moderation_queue, name="moderation-queue"),
    path("moderatie/<int:pk>/", views.moderation_detail, name="moderation-detail"),
    path("moderatie/<int:pk>/oppakken/", views.moderation_claim, name="moderation-claim"),
    path("moderatie/<int:pk>/vrijgeven/", views.moderation_release, name="moderation-release"),
    path("moderatie/<int:pk>/goedkeuren/", views.moderation_approve, name="moderation-approve"),
    path("moderatie/<int:pk>/afwijzen/", views.moderation_reject, name="moderation-reject"),
    path("moderatie/<int:pk>/terugsturen/", views.moderation_send_back, name="moderation-send-back"),
    path("moderatoren/", views.moderators_edit, name="moderators-edit"),
]
