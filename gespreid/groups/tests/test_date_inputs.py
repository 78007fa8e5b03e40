"""Date fields render ISO dates, so the browser's date picker shows the stored value (also in Dutch)."""

import datetime

from django.utils import translation

from gespreid.groups.forms import MeetingForm


def test_meeting_date_renders_iso_in_dutch():
    form = MeetingForm(initial={"held_on": datetime.date(2026, 9, 3)})
    with translation.override("nl"):
        html = str(form["held_on"])
    assert 'value="2026-09-03"' in html
