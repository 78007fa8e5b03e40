"""Dates one Dutch way (settings.FORMAT_MODULE_PATH): "1 december 2026" in text, "1 dec. 2026" in tables.

Templates use the names (``|date:"DATE_FORMAT"``, ``|date:"SHORT_DATE_FORMAT"``), Python code
``django.utils.formats.date_format(value, "SHORT_DATE_FORMAT")``; never a literal format string.
The dot after the month ("dec.", but "mei") comes from gespreid/core/locale/nl (Django's nl has none).
Everything not set here (input formats, separators) falls back to Django's own nl formats.
"""

DATE_FORMAT = "j F Y"  # 1 december 2026
SHORT_DATE_FORMAT = "j N Y"  # 1 dec. 2026
DATETIME_FORMAT = "j F Y H:i"  # 1 december 2026 14:30
SHORT_DATETIME_FORMAT = "j N Y H:i"  # 1 dec. 2026 14:30
MONTH_DAY_FORMAT = "j F"  # 1 december
YEAR_MONTH_FORMAT = "F Y"  # december 2026
TIME_FORMAT = "H:i"
