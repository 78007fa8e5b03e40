"""A school day for locust: staff log in, open the page mix, answer rounds, save profiles and post.

Started by ``bench/load.py`` (``make load``), which writes ``LOAD_PLAN`` (people and ids of a sample of
generated schools, and the URLs) and reads the CSV statistics afterwards. Bounded three ways: the number
of users and the run time (locust's ``-u`` and ``-t``) and ``LOAD_MAX_REQUESTS`` (the run stops itself).
Each write that got a success answer is logged to ``LOAD_WRITES`` (one JSON line), so a failure test can
check afterwards that every answered write is in the database.
"""

import json
import os
import random
import re
import threading

from locust import FastHttpUser, between, events, task
from urllib3 import encode_multipart_formdata

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "200000"))
WRITES = open(os.environ["LOAD_WRITES"], "a") if os.environ.get("LOAD_WRITES") else None
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": ?"([^"]+)"')
_count = {"n": 0}
_lock = threading.Lock()
with open(os.path.join(os.path.dirname(__file__), "load_image.png"), "rb") as f:
    IMAGE = f.read()


_environment: dict = {}


@events.init.add_listener
def _keep_environment(environment, **kwargs):
    _environment["env"] = environment


@events.request.add_listener
def _stop_after_max_requests(**kwargs):
    _count["n"] += 1
    if _count["n"] == MAX_REQUESTS:
        _environment["env"].runner.quit()


def token(html: str) -> str:
    match = TOKEN.search(html)
    return (match.group(1) or match.group(2)) if match else ""


class Staff(FastHttpUser):
    """A team member of a generated school; one in eight is its school leader."""

    wait_time = between(0, float(os.environ.get("LOAD_WAIT", "0.1")))

    def on_start(self):
        # Each simulated person is someone else (a person's own requests come one after the other).
        with _lock:
            k = _count["people"] = _count.get("people", -1) + 1
        schools = PLAN["schools"]
        self.school = schools[k % len(schools)]
        self.slug = self.school["slug"]
        turn = k // len(schools)
        self.leader = turn % 8 == 7
        members = self.school["members"]
        email = self.school["leader"] if self.leader else members[turn % len(members)]
        self.email = email
        fields = PLAN["login_fields"]
        for _ in range(3):  # a login whose server died on the way is tried again, as a person would
            page = self.client.get("/accounts/login/", name="login (form)")
            data = {"csrfmiddlewaretoken": token(page.text), fields["email"]: email, fields["password"]: "demo"}
            with self.client.post(
                "/accounts/login/", data=data, name="login", allow_redirects=False, catch_response=True
            ) as r:
                if r.status_code == 302:
                    return
                r.failure(f"{r.status_code}")

    def url(self, name, *ids):
        return PLAN["urls"][name].replace("SLUG", self.slug).format(*ids)

    def page(self, name, *ids):
        with self.client.get(self.url(name, *ids), name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    # The page mix: weights as in docs/deploy.md ("A school's day").
    @task(6)
    def home(self):
        self.page("home")

    @task(2)
    def team(self):
        self.page("team")

    @task(2)
    def matrix(self):
        self.page("matrix")

    @task(2)
    def profile(self):
        self.page("profile", self.school["colleague"])

    @task(3)
    def proposal(self):
        self.page("proposal", self.school["proposal"])

    @task(2)
    def group(self):
        self.page("group", self.school["group"])

    @task(3)
    def feed(self):
        self.page("feed")

    @task(1)
    def plan(self):
        self.page("plan")

    @task(2)
    def notifications(self):
        self.page("notifications")

    @task(1)
    def respond(self):
        if self.email == self.school["round_opener"]:
            return  # who opened the round is not asked in it
        page = self.page("proposal", self.school["proposal"])
        data = {"csrfmiddlewaretoken": token(page.text), "kind": "instemming", "text": "", "name_visible": "1"}
        url = self.url("respond", self.school["proposal"], self.school["round"])
        self._write("respond", url, data, {"round": self.school["round"]})

    @task(1)
    def save_profile(self):
        page = self.page("profile_mine")
        level = random.choice(["1", "2", "3", "4"])
        data = {
            "csrfmiddlewaretoken": token(page.text),
            "area": self.school["area"],
            "level": level,
            "acquired": "ervaring",
        }
        self._write("save_profile", self.url("entry_save"), data, {"area": self.school["area"], "level": level})

    @task(1)
    def post_highlight(self):
        if random.random() > 0.2:
            return
        page = self.page("post_create")
        text = f"Highlight {random.getrandbits(48):x}"
        body, content_type = encode_multipart_formdata(
            {
                "csrfmiddlewaretoken": token(page.text),
                "text": text,
                "alt_text": "Een klas aan het werk",
                "consent": "on",
                "group": str(self.school["group"]),
                "photos": ("klas.png", IMAGE, "image/png"),
            }
        )
        self._write("post_highlight", self.url("post_create"), body, {"text": text}, {"Content-Type": content_type})

    def _write(self, name, url, data, record, headers=None):
        """Post a form; log the attempt, and the answer when it was saved (a redirect that is not to the login)."""
        record = {"kind": name, "school": self.slug, "email": self.email, **record}
        self._log({**record, "answered": False})
        post = self.client.post
        with post(url, data=data, headers=headers, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 302 or "/accounts/login/" in r.headers.get("Location", ""):
                r.failure(f"{r.status_code}")  # 200 is the form again with an error; to the login: not signed in
            else:
                self._log({**record, "answered": True})

    def _log(self, record):
        if WRITES:
            with _lock:
                WRITES.write(json.dumps(record) + "\n")
                WRITES.flush()
