"""Date fields render ISO dates, so the browser's date picker shows the stored value (also in Dutch)."""

import datetime

from django.utils import translation

from gespreid.highlights.forms import PeriodForm


def test_period_dates_render_iso_in_dutch():
    form = PeriodForm(initial={"start": datetime.date(2026, 10, 11), "end": datetime.date(2026, 11, 22)})
    with translation.override("nl"):
        html = str(form["start"]) + str(form["end"])
    assert 'value="2026-10-11"' in html and 'value="2026-11-22"' in html
