"""Browser: from a visit request to the reflection, with the observation form on a phone (390 px) that survives a dropped connection."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gespreid.learning.models import Visit, VisitLookFor, VisitMoment


def _wait_for(predicate, page, tries=40):
    for _ in range(tries):
        if predicate():
            return True
        page.wait_for_timeout(250)
    return predicate()


def test_visit_request_to_reflection(live_server, page, login, school, year, member, teacher_leader):
    base = f"{live_server.url}/{school.slug}/leren"
    # 1. Mila invites Tim into her class.
    login(member)
    page.goto(f"{base}/bezoeken/nieuw/")
    expect(page.get_by_text("Geen beoordeling.").first).to_be_visible()
    page.get_by_label("Wie nodig je uit?").select_option(label="Tim Trekker")
    page.get_by_label("Je focusvraag").fill("Krijgen alle kinderen de kans om te antwoorden?")
    page.locator("input[name=look_fors]").first.check()
    page.get_by_label("Of schrijf je eigen kijkpunten").fill("Kinderen overleggen eerst in tweetallen.")
    day = timezone.localdate() + timedelta(days=4)
    page.locator("#id_m1_date").fill(day.isoformat())
    page.locator("#id_m1_time").fill("10:30")
    page.locator("#id_m1_group").select_option("5")
    page.locator("#id_m1_subject").fill("Rekenen")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("Je uitnodiging is verstuurd aan Tim Trekker.")).to_be_visible()
    visit = Visit.objects.get()

    # 2. Tim accepts the moment.
    page.context.clear_cookies()
    login(teacher_leader)
    page.goto(f"{base}/bezoeken/{visit.pk}/")
    page.locator("input[name=moment]").first.check()
    page.get_by_role("button", name="Ja, dit moment past").click()
    expect(page.get_by_text("Afgesproken.")).to_be_visible()
    expect(page.get_by_role("link", name="Zet in je agenda (.ics)")).to_be_visible()

    # 3. In the classroom, on a phone: observe per look-for, saved as he types.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Observatie noteren").click()
    first, second = list(VisitLookFor.objects.filter(visit=visit).order_by("order"))
    form1 = page.locator(f"#kijkpunt-{first.pk}")
    form1.get_by_label("Gezien", exact=True).check()
    form1.locator("textarea").fill("Zes kinderen kwamen aan de beurt; de wisbordjes lagen klaar.")
    expect(form1.locator(".save-state")).to_have_text("Opgeslagen")
    assert _wait_for(lambda: VisitLookFor.objects.get(pk=first.pk).note.startswith("Zes kinderen"), page)
    assert VisitLookFor.objects.get(pk=first.pk).seen == "gezien"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px"
    # The connection drops while he types: the text stays, and is saved once it is back.
    form2 = page.locator(f"#kijkpunt-{second.pk}")
    page.context.set_offline(True)
    form2.locator("textarea").fill("Tweetallen overlegden kort, twee groepjes niet.")
    expect(page.locator(".offline-note")).to_be_visible()
    assert VisitLookFor.objects.get(pk=second.pk).note == ""
    assert "Tweetallen" in page.evaluate(f"localStorage.getItem('gespreid-obs-{visit.pk}-{second.pk}')")
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert _wait_for(lambda: VisitLookFor.objects.get(pk=second.pk).note.startswith("Tweetallen"), page)

    # 4. After the visit Mila writes down the follow-up conversation.
    VisitMoment.objects.filter(pk=Visit.objects.get().moment_id).update(starts_at=timezone.now() - timedelta(hours=2))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    login(member)
    page.goto(f"{base}/bezoeken/{visit.pk}/")
    expect(page.get_by_text("Zes kinderen kwamen aan de beurt")).to_be_visible()
    page.get_by_label("Wat heb ik geleerd?").fill("Met wisbordjes komen meer kinderen aan de beurt.")
    page.get_by_label("Wat ga ik uitproberen?").fill("Elke instructie eindigt met een wisbordvraag.")
    page.get_by_role("button", name="Nagesprek opslaan").click()
    expect(page.get_by_text("Het nagesprek is opgeslagen.")).to_be_visible()
    visit.refresh_from_db()
    assert visit.status == Visit.Status.REFLECTED and visit.will_try.startswith("Elke instructie")
