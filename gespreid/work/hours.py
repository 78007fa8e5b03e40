"""CAO PO hour arithmetic: one person's jaartaak split into its parts. Pure: no database.

Numbers come from ``CaoRules`` (a board's settings, defaults of CAO PO): annual hours per FTE
(normjaartaak 1,659 h), the maximum teaching hours per FTE (940 h; more only with a recorded
agreement), duurzame inzetbaarheid (40 h per FTE, plus extras for senior staff and starters) and
professionalisering (83 h per FTE). Preparation and follow-up are a school-set percentage of the
teaching hours. What remains is the budget for tasks and roles.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def _d(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def r1(value) -> Decimal:
    """Round to one decimal, half up (the way a spreadsheet shows hours)."""
    return _d(value).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CaoRules:
    annual_per_fte: Decimal = Decimal("1659")
    max_teaching_per_fte: Decimal = Decimal("940")
    employability_per_fte: Decimal = Decimal("40")
    senior_extra_per_fte: Decimal = Decimal("130")
    starter_extra_per_fte: Decimal = Decimal("40")
    development_per_fte: Decimal = Decimal("83")


@dataclass
class Split:
    """One person's year: every part in hours (one decimal) and the warnings that apply."""

    fte: Decimal
    annual: Decimal
    teaching: Decimal
    max_teaching: Decimal
    preparation: Decimal
    employability: Decimal
    development: Decimal
    tasks: Decimal  # what remains for tasks and roles (never below zero)
    shortfall: Decimal = Decimal("0")  # how far the fixed parts exceed the annual hours
    warnings: list[str] = field(default_factory=list)  # codes: "teaching_over_max", "over_annual"

    @property
    def fixed(self) -> Decimal:
        return self.teaching + self.preparation + self.employability + self.development


def split(
    fte,
    teaching_hours,
    preparation_percent=40,
    rules: CaoRules = CaoRules(),
    *,
    senior: bool = False,
    starter: bool = False,
    agreement: bool = False,
) -> Split:
    """Split one person's annual hours. ``agreement``: a written agreement allows teaching above the maximum."""
    fte = _d(fte)
    teaching = r1(teaching_hours)
    annual = r1(fte * rules.annual_per_fte)
    max_teaching = r1(fte * rules.max_teaching_per_fte)
    preparation = r1(teaching * _d(preparation_percent) / 100)
    employability = fte * rules.employability_per_fte
    if senior:
        employability += fte * rules.senior_extra_per_fte
    if starter:
        employability += fte * rules.starter_extra_per_fte
    employability = r1(employability)
    development = r1(fte * rules.development_per_fte)
    remaining = annual - teaching - preparation - employability - development
    warnings = []
    if teaching > max_teaching and not agreement:
        warnings.append("teaching_over_max")
    shortfall = Decimal("0")
    if remaining < 0:
        warnings.append("over_annual")
        shortfall, remaining = -remaining, Decimal("0")
    return Split(
        fte,
        annual,
        teaching,
        max_teaching,
        preparation,
        employability,
        development,
        r1(remaining),
        r1(shortfall),
        warnings,
    )
