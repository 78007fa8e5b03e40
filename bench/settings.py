"""The project's settings for a bench run, with the bench's own URL conf (the yardstick views live there)."""

from gespreid.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
