from datetime import timedelta

import pytest
from django.utils import timezone

from gespreid.decisions import consent


@pytest.fixture
def proposal(school, teacher_leader):
    return consent.create_proposal(
        school,
        teacher_leader,
        title="Rekenen in groep 5",
        problem="Kinderen oefenen te weinig.",
        body="We oefenen elke dag tien minuten.",
    )


@pytest.fixture
def consent_round(proposal, teacher_leader, leader, member):
    return consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
    )
