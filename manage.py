#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplans.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting the environment must give (SECRET_KEY, DATABASE_URL, ...): say which and
        # why in one line; a traceback would bury it.
        sys.exit(f"peaceplans: {error}")


if __name__ == "__main__":
    main()
