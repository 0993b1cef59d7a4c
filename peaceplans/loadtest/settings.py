"""The production settings plus a bare view, the ceiling every page is measured against.

LOADTEST_CACHE=off swaps the server-side cache for Django's DummyCache (the uncached run).
"""

import os

from peaceplans.settings import *  # noqa: F403
from peaceplans.settings import env_bool

ROOT_URLCONF = "peaceplans.loadtest.urls"
# Static files are not what is measured: no collectstatic (the manifest) before a run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if not env_bool("LOADTEST_CACHE", True):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if os.environ.get("REDIS_URL"):
        # Sessions still need somewhere to live when the cache is a no-op.
        SESSION_ENGINE = "django.contrib.sessions.backends.db"
