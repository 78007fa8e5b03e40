"""Every score part and every problem code has a plain-Dutch text that names who and what."""

import pytest

from gespreid.work.explain import assignment_text, problem_text

AREAS = {7: "ICT", "8": "Rekenen"}
PEOPLE = {1: "Anna", 2: "Bram"}
TASKS = {10: "ICT-coördinator"}


def test_every_score_part_reads_as_one_sentence():
    parts = [
        ["expertise", 9, {"area": 7, "level": 3}],
        ["affinity", -10, {"choice": "liever-niet"}],
        ["growth_paired", 6, {"area": 8, "mentor": 2, "mentor_name": "Bram"}],
        ["growth_no_expert", 3, {"area": 7}],
        ["learning_place", 0, {"area": 7, "level": 3, "supporter": 2, "supporter_name": "Bram"}],
        ["pinned", 0, {}],
        ["manual", 0, {}],
    ]
    text = assignment_text(parts, AREAS)
    assert text.startswith("Niveau 3 in ICT (+9)") and text.endswith(".")
    for bit in (
        "voorkeur ‘liever niet’ (-10)",
        "groeikans in Rekenen, samen met expert Bram (+6)",
        "er is geen expert in het team (+3)",
        "leerplek: groeit in ICT naar niveau 3, met steun van Bram",
        "vastgezet door de schoolleider",
        "ingedeeld door de schoolleider",
    ):
        assert bit in text


def test_no_parts_and_unknown_names():
    assert assignment_text([], AREAS).startswith("Past binnen de uren")
    assert "in ?" in assignment_text([["expertise", 3, {"area": 99, "level": 1}]], AREAS)


@pytest.mark.parametrize(
    "code, args, expected",
    [
        ("total_hours", {"need": 300.0, "have": 250.0, "short": 50.0}, "50.0 uur te weinig"),
        ("headcount", {"task": 10, "needed": 2, "eligible": 1}, "‘ICT-coördinator’ heeft 2 mensen nodig"),
        ("pins_over_budget", {"person": 1, "pinned": 80.0, "budget": 60.0, "over": 20.0}, "Anna heeft 80.0 uur"),
        ("pins_over_headcount", {"task": 10, "pinned": 3, "headcount": 1}, "3 mensen vastgezet"),
        ("pin_and_exclusion", {"person": 2, "task": 10}, "Bram is voor ‘ICT-coördinator’ zowel vastgezet"),
        ("solver_infeasible", {}, "geen verdeling die aan alle regels"),
        ("quick_answer", {}, "snelle verdeling"),
        ("budgets_combined", {"open": 2}, "2 plaatsen blijven open"),
        ("cut_short", {"seconds": 30}, "na 30 seconden gestopt"),
        (
            "expertise_short",
            {"task": 10, "needed": 1, "eligible": 0, "level": 3, "areas": [7], "learning": False},
            "vraagt niveau 3 in ICT",
        ),
    ],
)
def test_every_problem_code_says_what_and_what_helps(code, args, expected):
    assert expected in problem_text(code, args, PEOPLE, TASKS, AREAS)


def test_expertise_short_on_a_learning_place_and_unknown_code():
    args = {"task": 10, "needed": 1, "eligible": 0, "level": 3, "areas": [7], "learning": True}
    assert "Het is een leerplek" in problem_text("expertise_short", args, PEOPLE, TASKS, AREAS)
    assert problem_text("iets-nieuws", {}, PEOPLE, TASKS) == "iets-nieuws"
