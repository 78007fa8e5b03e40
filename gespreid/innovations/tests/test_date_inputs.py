"""Date fields render ISO dates, so the browser's date picker shows the stored value (also in Dutch)."""

import datetime

from django.utils import translation

from gespreid.innovations.forms import MilestoneForm


def test_milestone_dates_render_iso_in_dutch():
    form = MilestoneForm(initial={"planned_start": datetime.date(2026, 5, 6)})
    with translation.override("nl"):
        html = str(form["planned_start"])
    assert 'value="2026-05-06"' in html
