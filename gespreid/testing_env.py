"""Loaded by pytest before Django's settings (``-p gespreid.testing_env`` in pyproject.toml).

The settings default to production (DEBUG off, a secret key required); the test suite asks for the
development setting here, so plain ``pytest`` and ``make test`` work from a fresh clone.
"""

import os

os.environ.setdefault("GESPREID_DEV", "1")
