import pytest

from gespreid.development.models import Activity, DevelopmentPlan, Goal


@pytest.fixture
def tl_pop(school, year, teacher_leader):
    """Tim's POP: one private goal and activity, one shared goal and a requested (shared) activity."""
    plan = DevelopmentPlan.objects.create(school=school, school_year=year, user=teacher_leader)
    private_goal = Goal.objects.create(plan=plan, title="Geheim doel: minder piekeren")
    shared_goal = Goal.objects.create(plan=plan, title="Coachen van collega's", shared=True)
    Activity.objects.create(plan=plan, goal=private_goal, title="Boek over slapen", kind="literatuur", hours=3)
    requested = Activity.objects.create(
        plan=plan, goal=shared_goal, title="Cursus coachend leidinggeven", hours=24, cost=650,
        status="aangevraagd", shared=True,
    )  # fmt: skip
    return {"plan": plan, "private_goal": private_goal, "shared_goal": shared_goal, "requested": requested}
