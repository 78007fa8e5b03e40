"""Valid HTML: the W3C Nu HTML checker over every page of the demo a team member and a leader reach.

The demo is seeded, then crawled with Django's test client as ``lid@demo.test`` (team member) and
``leider@demo.test`` (school leader): GET only, starting at ``/``, following every link inside the
site (query-string variants of one path are capped, so calendars with a "next week" link end). Each
page is saved as a file; one run of the checker (``vnu-jar`` from npm, on Debian's Java) reads them
all. Every error fails the test, except htmx's ``hx-*`` attributes, which the checker does not know.

``make test`` installs what it needs (``npm ci`` for node_modules, ``default-jre-headless``). Without
Java or the jar the test is skipped, unless ``GESPREID_REQUIRE_BROWSER=1`` (CI), where it fails.
"""

import json
import os
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Links the crawl does not follow: files, the admin, sign-in/out and language switching, calendar feeds.
NOT_FOLLOWED = ("/static/", "/media/", "/admin/", "/accounts/", "/i18n/", "/agenda/", "/beheer/")
QUERY_VARIANTS_PER_PATH = 3
# htmx's attributes are not HTML's; the one kind of message allowed.
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed")
PEOPLE = {"member": ("lid@demo.test", 100), "leader": ("leider@demo.test", 250)}  # and the pages each must reach


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def crawl(user, out: Path) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """Save every HTML page ``user`` reaches by links from ``/``; (file name -> URL, unexpected answers)."""
    out.mkdir(parents=True)
    client = Client()
    client.force_login(user)
    todo, queued, pages, refused = ["/"], {"/"}, {}, []
    variants = Counter()
    while todo:
        url = todo.pop(0)
        response = client.get(url)
        if response.status_code in (301, 302):
            links = [response["Location"]]
        elif response.status_code != 200:
            refused.append((url, response.status_code))
            continue
        elif not response.get("Content-Type", "").startswith("text/html"):
            continue  # downloads: CSV, xlsx, ics, PDF
        else:
            name = f"{len(pages):04d}.html"
            pages[name] = url
            html = response.content.decode()
            (out / name).write_text(html, encoding="utf-8")
            parser = _Links()
            parser.feed(html)
            links = parser.hrefs
        for href in links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(NOT_FOLLOWED):
                continue
            if href in queued:
                continue
            if parts.query:
                if variants[parts.path] >= QUERY_VARIANTS_PER_PATH:
                    continue
                variants[parts.path] += 1
            queued.add(href)
            todo.append(href)
    return pages, refused


def run_checker(root: Path) -> list[dict]:
    """One JVM run over every saved page; the checker's messages (it exits non-zero when it finds errors)."""
    result = subprocess.run(
        [shutil.which("java") or "java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(root)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        return json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker gave no JSON (exit {result.returncode}): {result.stderr[:2000]}")


def _checker_present():
    if shutil.which("java") and VNU_JAR.exists():
        return True
    if os.environ.get("GESPREID_REQUIRE_BROWSER") == "1":
        pytest.fail(f"Java or {VNU_JAR} is missing (CI requires the HTML checker; make test installs both)")
    pytest.skip("Java of vnu-jar ontbreekt: `make test` installeert ze (npm ci, default-jre-headless)")


@pytest.mark.django_db
def test_the_link_crawl_follows_query_variants_and_stays_on_get(tmp_path, member):
    """The crawl itself: it saves HTML pages, caps query variants, skips downloads and outside links."""
    pages, refused = crawl(member, tmp_path / "m")
    urls = set(pages.values())
    assert f"/{member.memberships.get().school.slug}/" in urls
    assert all(urlsplit(u).path.startswith("/") and not u.startswith(NOT_FOLLOWED) for u in urls)
    assert len(urls) > 20  # the school's menu leads on to its pages
    with_query = Counter(urlsplit(u).path for u in urls if "?" in u)
    assert with_query and max(with_query.values()) <= QUERY_VARIANTS_PER_PATH
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == sorted(pages)
    assert refused == []


@pytest.mark.django_db
def test_every_demo_page_a_member_and_a_leader_reach_is_valid_html(settings, tmp_path):
    _checker_present()
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", stdout=StringIO())
    User = get_user_model()
    where = {}  # saved file -> (who, page URL)
    for who, (email, at_least) in PEOPLE.items():
        pages, refused = crawl(User.objects.get(email=email), tmp_path / who)
        assert len(pages) >= at_least, f"{who} reached only {len(pages)} pages"
        assert refused == [], f"links {who} sees lead to pages that refuse them: {refused}"
        for name, url in pages.items():
            where[(tmp_path / who / name).resolve()] = (who, url)

    errors = defaultdict(list)
    for message in run_checker(tmp_path):
        if message.get("type") != "error" or HTMX_ATTRIBUTE.match(message.get("message", "")):
            continue
        file_url = message.get("url", "")  # file:/tmp/.../member/0001.html
        who, url = where.get(Path(urlsplit(file_url).path).resolve(), ("?", file_url))
        errors[message.get("message", "")].append(
            f"{who} {url} line {message.get('lastLine')}: {message.get('extract', '')!r}"
        )
    report = "\n".join(
        f"{msg}\n  " + "\n  ".join(places[:3]) + f"\n  ({len(places)} in all)" for msg, places in errors.items()
    )
    assert not errors, f"the HTML checker reports errors:\n{report}"
