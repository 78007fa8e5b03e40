from django.contrib import admin
from django.urls import include, path

from gespreid.climate.urls import board_urlpatterns as board_climate_urls
from gespreid.work.facilitation_views import feed as work_feed

# Platform URLs first; every other first segment is a school slug (see core.models.RESERVED_SLUGS).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", include("gespreid.setup.urls")),
    path("bestuur/<slug:board_slug>/netwerk/", include("gespreid.network.board_urls")),
    path("bestuur/<slug:board_slug>/klimaat/", include((board_climate_urls, "climate_board"))),
    path("bestuur/<slug:board_slug>/ontwikkeling/", include("gespreid.development.board_urls")),
    path("bestuur/<slug:board_slug>/", include("gespreid.setup.board_urls")),
    # A person's secret calendar address for their dagdelen (the token is the key: no login).
    path("agenda/<str:token>.ics", work_feed, name="work-calendar-feed"),
    # The school's own pages (home, team, notifications) are the most visited: tried first.
    path("", include("gespreid.core.urls")),
    path("", include("gespreid.accounts.urls")),
    path("", include("gespreid.privacy.urls")),
    # django-allauth: single sign-on callbacks, the second factor (/accounts/2fa/); our login view comes first.
    path("accounts/", include("allauth.urls")),
    path("<slug:school_slug>/expertise/", include("gespreid.expertise.urls")),
    path("<slug:school_slug>/speerpunten/", include("gespreid.priorities.urls")),
    path("<slug:school_slug>/werkgroepen/", include("gespreid.groups.urls")),
    path("<slug:school_slug>/innovaties/", include("gespreid.innovations.urls")),
    path("<slug:school_slug>/besluiten/", include("gespreid.decisions.urls")),
    path("<slug:school_slug>/taken/", include("gespreid.work.urls")),
    path("<slug:school_slug>/highlights/", include("gespreid.highlights.urls")),
    path("<slug:school_slug>/netwerk/", include("gespreid.network.urls")),
    path("<slug:school_slug>/klimaat/", include("gespreid.climate.urls")),
    path("<slug:school_slug>/leren/", include("gespreid.learning.urls")),
    path("<slug:school_slug>/ontwikkeling/", include("gespreid.development.urls")),
]
