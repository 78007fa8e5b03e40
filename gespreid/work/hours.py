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


# The core work per fte of the functions that do not teach a group of their own: the hours of the work
# itself (in the groups, care, leading the school, ...). Defaults a board adjusts; see docs/work.md.
DEFAULT_CORE_PER_FTE = {
    "onderwijsassistent": Decimal("1380"),
    "ib": Decimal("1380"),
    "specialist": Decimal("1300"),
    "directeur": Decimal("1480"),
    "adjunct": Decimal("1480"),
    "ondersteuning": Decimal("1450"),
}
TEACHING_FUNCTIONS = {"leerkracht", "vakleerkracht", "anders", ""}


@dataclass(frozen=True)
class CaoRules:
    annual_per_fte: Decimal = Decimal("1659")
    max_teaching_per_fte: Decimal = Decimal("940")
    employability_per_fte: Decimal = Decimal("40")
    senior_extra_per_fte: Decimal = Decimal("130")
    starter_extra_per_fte: Decimal = Decimal("40")
    development_per_fte: Decimal = Decimal("83")
    core_per_fte: dict = field(default_factory=lambda: dict(DEFAULT_CORE_PER_FTE))

    def core_for(self, function: str, fte) -> Decimal:
        """The default core work of a non-teaching function for this fte (0 for teaching functions)."""
        per_fte = self.core_per_fte.get(function)
        return Decimal("0") if per_fte is None else r1(_d(fte) * _d(per_fte))


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
    core: Decimal = Decimal("0")  # the core work of a non-teaching function (in the groups, care, leading)
    shortfall: Decimal = Decimal("0")  # how far the fixed parts exceed the annual hours
    warnings: list[str] = field(default_factory=list)  # codes: "teaching_over_max", "over_annual"

    @property
    def fixed(self) -> Decimal:
        return self.teaching + self.preparation + self.core + self.employability + self.development


def split(
    fte,
    teaching_hours,
    preparation_percent=40,
    rules: CaoRules = CaoRules(),
    *,
    senior: bool = False,
    starter: bool = False,
    agreement: bool = False,
    core=0,
) -> Split:
    """Split one person's annual hours. ``agreement``: a written agreement allows teaching above the maximum.
    ``core``: the hours of a non-teaching function's own work (see ``CaoRules.core_for``)."""
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
    core = r1(core)
    remaining = annual - teaching - preparation - core - employability - development
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
        core=core,
        shortfall=r1(shortfall),
        warnings=warnings,
    )
