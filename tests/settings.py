"""The production settings, run with DEBUG off as in production, plus what tests need."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
# The test client speaks plain http; tests of the redirect itself run the real settings.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from peaceplans.settings import *  # noqa: E402,F403
from peaceplans.settings import STORAGES  # noqa: E402

# The manifest storage used in production needs collectstatic; tests do not run it.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

# The record's version stays cached for the whole of a test (each test starts with an empty
# cache), so a page costs the same queries however slow the machine is.
RECORD_VERSION_TTL = 600
