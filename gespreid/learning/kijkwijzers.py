"""The school's library of kijkwijzers: a default set written for Gespreid, curated by teacher leaders and the leader."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from gespreid.core import audit

from .models import Kijkwijzer, LookFor

# The default set every school starts with. Observable, descriptive, in plain Dutch; 3-6 look-fors each.
# (gettext_noop: the texts are stored in the school's own language, Dutch; curators may change them.)
DEFAULTS = [
    (
        gettext_noop("Instructie"),
        gettext_noop("Hoe de leerkracht uitlegt en voordoet."),
        [
            gettext_noop("Het lesdoel wordt aan het begin genoemd en staat zichtbaar op het bord."),
            gettext_noop("De leerkracht doet hardop denkend voor hoe je de taak aanpakt."),
            gettext_noop("Leerlingen oefenen eerst samen met de leerkracht voordat ze zelfstandig werken."),
            gettext_noop("De leerkracht controleert of alle leerlingen het begrijpen (bijv. wisbordjes, vingers)."),
            gettext_noop("Leerlingen die meer uitleg nodig hebben, krijgen verlengde instructie."),
        ],
    ),
    (
        gettext_noop("Feedback aan leerlingen"),
        gettext_noop("Wat leerlingen terughoren over hun werk en hun aanpak."),
        [
            gettext_noop("Feedback gaat over de taak of de aanpak, niet over de persoon."),
            gettext_noop("Leerlingen horen wat al goed gaat en wat een volgende stap is."),
            gettext_noop("Leerlingen krijgen tijd om iets met de feedback te doen."),
            gettext_noop("Leerlingen geven elkaar feedback met een afgesproken vorm."),
        ],
    ),
    (
        gettext_noop("Onderzoekend leren"),
        gettext_noop("Hoe leerlingen zelf vragen stellen en uitzoeken."),
        [
            gettext_noop("Leerlingen formuleren zelf een vraag of verwachting."),
            gettext_noop("Leerlingen bedenken hoe ze het kunnen uitzoeken."),
            gettext_noop("Leerlingen leggen uit wat ze vonden en hoe ze dat weten."),
            gettext_noop("De leerkracht stelt open vragen en geeft het antwoord niet meteen."),
        ],
    ),
    (
        gettext_noop("Differentiatie"),
        gettext_noop("Hoe de les past bij verschillen tussen leerlingen."),
        [
            gettext_noop("Er is werk op verschillende niveaus, en leerlingen weten welk werk van hen is."),
            gettext_noop("Leerlingen die al klaar zijn, weten wat ze daarna kunnen doen."),
            gettext_noop("De leerkracht werkt een deel van de les met een kleine groep."),
            gettext_noop("Hulpmiddelen (stappenplan, voorbeelden) liggen klaar voor wie ze nodig heeft."),
        ],
    ),
    (
        gettext_noop("Klassenklimaat"),
        gettext_noop("Hoe het voelt in de groep, en hoe de groep samenwerkt."),
        [
            gettext_noop("Leerlingen worden bij hun naam aangesproken en begroet."),
            gettext_noop("De afspraken van de groep zijn zichtbaar en worden gebruikt."),
            gettext_noop("Leerlingen durven een fout te maken of een vraag te stellen."),
            gettext_noop("Overgangen tussen onderdelen verlopen rustig en zonder tijdverlies."),
            gettext_noop("De leerkracht benoemt gewenst gedrag vaker dan ongewenst gedrag."),
        ],
    ),
]


def ensure_defaults(school) -> int:
    """Give a school the default kijkwijzers once (a new school gets them via a signal). Returns how many were made."""
    if school.kijkwijzers.exists():
        return 0
    with transaction.atomic():
        for order, (title, description, items) in enumerate(DEFAULTS):
            kw = Kijkwijzer.objects.create(school=school, title=title, description=description, order=order)
            LookFor.objects.bulk_create([LookFor(kijkwijzer=kw, text=t, order=i) for i, t in enumerate(items)])
    return len(DEFAULTS)


def can_curate(membership) -> bool:
    """The school leader (or administrator) and teacher leaders (someone holding a current work role)."""
    if membership.can_manage:
        return True
    from gespreid.work.models import Role

    today = timezone.localdate()
    return (
        Role.objects.filter(school_id=membership.school_id, holder_id=membership.user_id, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .exists()
    )


def save_kijkwijzer(actor, school, kijkwijzer, *, title, description, is_active, items) -> Kijkwijzer:
    """Create (kijkwijzer=None) or update a kijkwijzer with its look-fors. Past visits keep their own copy."""
    with transaction.atomic():
        created = kijkwijzer is None
        if created:
            kijkwijzer = Kijkwijzer(school=school, order=school.kijkwijzers.count())
        kijkwijzer.title, kijkwijzer.description, kijkwijzer.is_active = title, description, is_active
        kijkwijzer.save()
        kijkwijzer.look_fors.all().delete()
        LookFor.objects.bulk_create([LookFor(kijkwijzer=kijkwijzer, text=t, order=i) for i, t in enumerate(items)])
        audit.record(
            actor,
            "learning.kijkwijzer_create" if created else "learning.kijkwijzer_update",
            school=school,
            target=kijkwijzer,
            summary=title,
        )
    return kijkwijzer
