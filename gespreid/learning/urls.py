from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.home, name="home"),
    path("gedeeld/", views.shared_list, name="shared-list"),
    path("vragen/nieuw/", views.request_create, name="request-create"),
    path("vragen/<int:pk>/", views.request_detail, name="request-detail"),
    path("vragen/<int:pk>/aannemen/", views.request_accept, name="request-accept"),
    path("vragen/<int:pk>/afslaan/", views.request_decline, name="request-decline"),
    path("vragen/<int:pk>/bericht/", views.request_message, name="request-message"),
    path("vragen/<int:pk>/afronden/", views.request_close, name="request-close"),
    path("vragen/<int:pk>/intrekken/", views.request_withdraw, name="request-withdraw"),
    path("vragen/<int:pk>/delen/", views.request_share, name="request-share"),
    path("vragen/<int:pk>/delen/akkoord/", views.request_share_agree, name="request-share-agree"),
    path("vragen/<int:pk>/delen/niet/", views.request_share_refuse, name="request-share-refuse"),
    path("vragen/<int:pk>/bijlage/", views.request_attachment, name="request-attachment"),
    path("bezoeken/nieuw/", views.visit_create, name="visit-create"),
    path("bezoeken/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("bezoeken/<int:pk>/aannemen/", views.visit_accept, name="visit-accept"),
    path("bezoeken/<int:pk>/afslaan/", views.visit_decline, name="visit-decline"),
    path("bezoeken/<int:pk>/verzetten/", views.visit_reschedule, name="visit-reschedule"),
    path("bezoeken/<int:pk>/afzeggen/", views.visit_cancel, name="visit-cancel"),
    path("bezoeken/<int:pk>/agenda.ics", views.visit_ics, name="visit-ics"),
    path("bezoeken/<int:pk>/observatie/", views.visit_observe, name="visit-observe"),
    path("bezoeken/<int:pk>/observatie/<int:look_for_pk>/", views.visit_observe_save, name="visit-observe-save"),
    path("bezoeken/<int:pk>/nagesprek/", views.visit_reflect, name="visit-reflect"),
    path("bezoeken/<int:pk>/meenemen/", views.visit_takeaway, name="visit-takeaway"),
    path("bezoeken/<int:pk>/delen/", views.visit_share, name="visit-share"),
    path("bezoeken/<int:pk>/niet-delen/", views.visit_unshare, name="visit-unshare"),
    path("kijkwijzers/", views.kijkwijzer_list, name="kijkwijzer-list"),
    path("kijkwijzers/nieuw/", views.kijkwijzer_create, name="kijkwijzer-create"),
    path("kijkwijzers/<int:pk>/", views.kijkwijzer_edit, name="kijkwijzer-edit"),
]
