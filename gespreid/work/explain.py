"""Plain-Dutch texts for score parts and for conflicts found by the allocation."""

from django.utils.translation import gettext as _


def _name(names: dict, key, fallback="?"):
    return names.get(key) or names.get(str(key)) or fallback


def assignment_text(parts: list, area_names: dict) -> str:
    """One sentence from an assignment's stored score parts ([code, points, args])."""
    bits = []
    for code, points, args in parts:
        if code == "expertise":
            bits.append(
                _("niveau %(level)s in %(area)s (+%(points)s)")
                % {"level": args.get("level"), "area": _name(area_names, args.get("area")), "points": points}
            )
        elif code == "affinity":
            label = {"graag": _("graag"), "kan": _("kan"), "liever-niet": _("liever niet")}.get(args.get("choice"), "")
            bits.append(_("voorkeur ‘%(choice)s’ (%(points)+d)") % {"choice": label, "points": points})
        elif code == "growth_paired":
            bits.append(
                _("groeikans in %(area)s, samen met expert %(mentor)s (+%(points)s)")
                % {
                    "area": _name(area_names, args.get("area")),
                    "mentor": args.get("mentor_name") or "?",
                    "points": points,
                }
            )
        elif code == "growth_no_expert":
            bits.append(
                _("groeikans in %(area)s; er is geen expert in het team (+%(points)s)")
                % {"area": _name(area_names, args.get("area")), "points": points}
            )
        elif code == "learning_place":
            bits.append(
                _("leerplek: groeit in %(area)s naar niveau %(level)s, met steun van %(supporter)s")
                % {
                    "area": _name(area_names, args.get("area")),
                    "level": args.get("level"),
                    "supporter": args.get("supporter_name") or "?",
                }
            )
        elif code == "pinned":
            bits.append(_("vastgezet door de schoolleider"))
        elif code == "manual":
            bits.append(_("ingedeeld door de schoolleider"))
    if not bits:
        return _("Past binnen de uren; geen voorkeur, expertise of groeiwens voor deze taak bekend.")
    text = "; ".join(bits)
    return text[0].upper() + text[1:] + "."


def problem_text(code: str, args: dict, people: dict, tasks: dict, areas: dict | None = None) -> str:
    """What conflicts and what would resolve it."""
    person = _name(people, args.get("person"))
    task = _name(tasks, args.get("task"))
    if code == "total_hours":
        return (
            _(
                "De taken vragen samen %(need)s uur, maar er is %(have)s uur taakbudget: %(short)s uur te weinig. "
                "Oplossing: minder uren of mensen per taak, taken opruimen, of meer ruimte in de budgetten."
            )
            % args
        )
    if code == "headcount":
        return _(
            "Taak ‘%(task)s’ heeft %(needed)s mensen nodig, maar maar %(eligible)s collega's hebben er genoeg uren voor of "
            "mogen hem nemen. Oplossing: minder mensen of uren voor deze taak, of een uitsluiting opheffen."
        ) % {"task": task, "needed": args.get("needed"), "eligible": args.get("eligible")}
    if code == "pins_over_budget":
        return _(
            "%(person)s heeft %(pinned)s uur aan vastgezette taken bij %(budget)s uur taakbudget: %(over)s uur te veel. "
            "Oplossing: haal een vastgezette taak weg of pas het budget aan."
        ) % {"person": person, "pinned": args.get("pinned"), "budget": args.get("budget"), "over": args.get("over")}
    if code == "pins_over_headcount":
        return _(
            "Voor taak ‘%(task)s’ zijn %(pinned)s mensen vastgezet, maar de taak heeft %(headcount)s plaatsen. "
            "Oplossing: haal iemand weg of verhoog het aantal mensen."
        ) % {"task": task, "pinned": args.get("pinned"), "headcount": args.get("headcount")}
    if code == "pin_and_exclusion":
        return _("%(person)s is voor ‘%(task)s’ zowel vastgezet als uitgesloten. Kies één van beide.") % {
            "person": person,
            "task": task,
        }
    if code == "solver_infeasible":
        return _(
            "Er is geen verdeling die aan alle regels tegelijk voldoet. Kijk naar de vastgezette taken en de budgetten."
        )
    if code == "expertise_short":
        text = _(
            "Taak ‘%(task)s’ vraagt niveau %(level)s in %(areas)s voor %(needed)s mensen, maar maar %(eligible)s "
            "collega's hebben dat niveau (en de uren). De open plaats blijft open: de taak gaat niet naar iemand "
            "zonder die expertise."
        ) % {
            "task": task,
            "level": args.get("level"),
            "areas": ", ".join(_name(areas or {}, a) for a in args.get("areas", [])) or "?",
            "needed": args.get("needed"),
            "eligible": args.get("eligible"),
        }
        if args.get("learning"):
            return text + " " + _("Het is een leerplek, maar niemand met die groeiwens heeft de uren.")
        return (
            text
            + " "
            + _(
                "Oplossing: maak er een leerplek van (wie wil groeien, krijgt steun), train iemand, deel met een "
                "andere school of werf iemand."
            )
        )
    if code == "cut_short":
        return _(
            "De rekenhulp is na %(seconds)s seconden gestopt voordat het werk af was (de server was erg druk). De "
            "verdeling voldoet aan alle regels; verdeel later opnieuw voor de beste."
        ) % {"seconds": args.get("seconds")}
    if code == "quick_answer":
        return _(
            "De rekenhulp had te weinig tijd voor de beste verdeling; dit is een snelle verdeling die wel aan alle regels "
            "voldoet. Verdeel opnieuw voor een betere."
        )
    if code == "budgets_combined":
        return (
            _(
                "%(open)s plaatsen blijven open: de uren passen samen niet in de budgetten die er nog over zijn. "
                "Oplossing: minder uren per taak of meer ruimte in de budgetten."
            )
            % args
        )
    return code
