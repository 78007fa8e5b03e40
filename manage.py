#!/usr/bin/env python
import os
import sys

# Commands that write source files (migrations, message catalogues) and never run on a server: they
# need no production secret, so a bare `manage.py makemigrations --check` works in any checkout.
SOURCE_COMMANDS = {"makemigrations", "makemessages"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gespreid.settings")
    if sys.argv[1:2] and sys.argv[1] in SOURCE_COMMANDS:
        os.environ.setdefault("GESPREID_DEV", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
