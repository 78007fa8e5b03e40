"""CAO PO arithmetic against hand-computed examples."""

from decimal import Decimal as D

from gespreid.work.hours import CaoRules, split


def test_full_time_teacher_at_the_maximum():
    # 1659 - 940 - 376 (40 % of 940) - 40 - 83 = 220
    s = split(D("1.0"), 940, 40)
    assert (s.annual, s.preparation, s.employability, s.development, s.tasks) == (
        D("1659.0"),
        D("376.0"),
        D("40.0"),
        D("83.0"),
        D("220.0"),
    )
    assert s.warnings == []


def test_part_time_0_8():
    # 0.8 × 1659 = 1327.2; 752 teaching; 300.8 preparation; 32 DI; 66.4 development → 176.0
    s = split(D("0.8"), 752, 40)
    assert (s.annual, s.preparation, s.employability, s.development, s.tasks) == (
        D("1327.2"),
        D("300.8"),
        D("32.0"),
        D("66.4"),
        D("176.0"),
    )


def test_preparation_percentage_is_school_set():
    # 35 %: 1659 - 900 - 315 - 40 - 83 = 321
    assert split(1, 900, 35).tasks == D("321.0")


def test_senior_and_starter_extras_pro_rata():
    # 0.6 fte, 57+: DI = 0.6 × (40 + 130) = 102; annual 995.4; teaching 500, prep 200; dev 49.8 → 143.6
    s = split(D("0.6"), 500, 40, senior=True)
    assert s.employability == D("102.0")
    assert s.tasks == D("143.6")
    assert split(D("1"), 0, 40, starter=True).employability == D("80.0")


def test_teaching_above_maximum_warns_unless_agreement():
    assert "teaching_over_max" in split(1, 960, 40).warnings
    assert "teaching_over_max" not in split(1, 960, 40, agreement=True).warnings
    assert "teaching_over_max" in split(D("0.5"), 480, 40).warnings  # max 470 at 0.5 fte


def test_over_annual_gives_zero_budget_and_shortfall():
    # 1659 - 1200 - 480 - 40 - 83 = -144
    s = split(1, 1200, 40, agreement=True)
    assert s.tasks == D("0") and s.shortfall == D("144.0") and "over_annual" in s.warnings


def test_board_rules_change_the_numbers():
    rules = CaoRules(annual_per_fte=D("1600"), development_per_fte=D("80"))
    assert split(1, 940, 40, rules).tasks == D("1600") - 940 - 376 - 40 - 80
