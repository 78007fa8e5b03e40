"""Security from the first day: production settings, login throttling, Content-Security-Policy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def _clean_env():
    """The environment without our settings (and without the browser tests' async override)."""
    skip = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if not k.startswith("GESPREID_") and k not in skip}


def _check_deploy(**env):
    base = _clean_env()
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _check_deploy(
        GESPREID_DEBUG="0",
        GESPREID_SECRET_KEY="a-long-random-production-secret-" + "x9Q!" * 12,
        GESPREID_ALLOWED_HOSTS="gespreid.example.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_settings_do_fail_check_deploy():
    """The test above can fail: with DEBUG on, check --deploy complains."""
    result = _check_deploy(GESPREID_DEBUG="1")
    assert result.returncode != 0


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy(GESPREID_DEBUG="0", GESPREID_ALLOWED_HOSTS="gespreid.example.nl")
    assert result.returncode != 0 and "GESPREID_SECRET_KEY" in result.stderr


def test_without_any_setting_it_is_production_and_refuses_to_start():
    """Nothing set: no silent DEBUG, no public fallback key."""
    result = _check_deploy()
    assert result.returncode != 0 and "GESPREID_SECRET_KEY" in result.stderr


def test_the_migrations_check_needs_no_production_settings():
    """`manage.py makemigrations --check` writes no data: it runs in a bare checkout, and finds none missing."""
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize("env", [{"GESPREID_DEV": "1"}, {"GESPREID_DEBUG": "1"}])
def test_development_is_asked_for_by_name(env):
    base = _clean_env()
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY.startswith('dev-only'))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "gespreid.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True"], result.stderr


def test_production_with_a_key_has_debug_off():
    base = _clean_env()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "gespreid.settings", "GESPREID_SECRET_KEY": "k" * 60},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_production_refuses_demo_data():
    base = _clean_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env={
            **base,
            "GESPREID_DEBUG": "0",
            "GESPREID_SECRET_KEY": "s" * 60,
            "GESPREID_ALLOWED_HOSTS": "x.nl",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "nooit in productie" in result.stderr


def _login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_five_failed_logins_lock_the_account_with_a_dutch_page(member, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(4):
        response = _login(client, member.email, "fout-wachtwoord")
        assert response.status_code == 200 and "horen niet bij elkaar" in response.content.decode()
    response = _login(client, member.email, "fout-wachtwoord")
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    # Even the right password is refused now.
    response = _login(client, member.email, "een-goed-wachtwoord-42")
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_good_login_lands_on_the_school(member, school):
    client = Client()
    response = _login(client, member.email, "een-goed-wachtwoord-42")
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("core:home", args=[school.slug])


def test_login_is_case_insensitive_for_the_email(member):
    assert _login(Client(), member.email.upper(), "een-goed-wachtwoord-42").status_code == 302


def test_bad_login_marks_the_fields_invalid(db):
    html = _login(Client(), "niemand@school.test", "x").content.decode()
    assert 'aria-invalid="true"' in html and "horen niet bij elkaar" in html


@pytest.mark.parametrize("name", ["accounts:login", "core:team", "core:home"])
def test_every_page_sends_a_strict_csp(name, member_client, school):
    url = reverse(name) if name == "accounts:login" else reverse(name, args=[school.slug])
    response = member_client.get(url)
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and "hx-on" not in html and "javascript:" not in html


def test_security_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_deploy_doc_names_every_environment_variable():
    import re

    settings_text = (ROOT / "gespreid" / "settings.py").read_text()
    doc = (ROOT / "docs" / "deploy.md").read_text()
    names = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', settings_text)) | set(
        re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_text)
    )
    assert len(names) > 20
    missing = sorted(name for name in names if f"`{name}`" not in doc)
    assert not missing, f"docs/deploy.md does not document {missing}"


def _recorded_actions():
    """Every action passed to core.audit.record in the code: literals, and the fixed start of f-strings."""
    import ast

    literal, prefixes = set(), set()
    for path in (ROOT / "gespreid").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            if (getattr(func, "id", None) or getattr(func, "attr", None)) != "record":
                continue
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                prefixes.add(arg.values[0].value)
    return literal, prefixes


def test_every_audit_action_has_a_plain_label():
    from gespreid.core.audit import all_labels

    labels = all_labels()
    literal, prefixes = _recorded_actions()
    assert len(literal) > 50
    assert sorted(a for a in literal if a not in labels) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in labels)) == []
