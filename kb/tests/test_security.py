"""Content Security Policy: strict on the public site, absent in Wagtail's admin.

And the production settings pass Django's deployment checklist.
"""

import datetime
import os
import re
import secrets
import subprocess
import sys

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

import pytest

from guides.tests.factories import GuidePageFactory, site_tree
from yearclock import wheel

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# Templates rendered into pages the policy covers. E-mail templates are left out:
# mail clients need inline styles and never see the header.
TEMPLATE_DIRS = [
    settings.BASE_DIR / "templates",
    *(
        settings.BASE_DIR / app / "templates"
        for app in ("kb", "guides", "yearclock", "search", "services")
    ),
]
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>"  # script without src
    r"|<style[\s>]"
    r"|\sstyle\s*="
    r"|\son[a-z]+\s*="  # onclick=, onload=, …
    r"|javascript:",
    re.IGNORECASE,
)


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        parsed[name] = value
    return parsed


@pytest.fixture
def guide(db):
    tree = site_tree()
    page = GuidePageFactory(parent=tree["public"], title="Laitteen käyttö", slug="laite")
    page.save_revision().publish()
    return page


def test_public_pages_send_the_strict_policy(client, guide):
    with override("fi"):
        login = reverse("account_login")
    for url in [guide.url, "/fi/", login, "/fi/no-such-page/"]:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert directives(response["Content-Security-Policy"]) == POLICY, url


# wagtail-localize's report paginates an unordered queryset; not ours to fix.
@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
def test_admin_and_translation_editor_go_without_the_policy(client, admin_user, guide):
    assert client.get("/admin/login/").get("Content-Security-Policy") is None
    client.force_login(admin_user)
    for url in [
        "/admin/",
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        reverse("wagtail_localize:translations_report"),
    ]:
        assert url.startswith("/admin/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" not in response, url


def test_public_templates_have_no_inline_script_or_style():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in directory.rglob("*.html"):
            if "email" in template.parts:
                continue
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                if INLINE_CODE.search(line):
                    offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}: {line}")
    assert not offenders, "\n".join(offenders)


def test_the_pattern_catches_inline_code():
    for snippet in [
        "<script>alert(1)</script>",
        '<p style="color: red">',
        '<button onclick="go()">',
        "<style>p {}</style>",
        '<a href="javascript:go()">',
    ]:
        assert INLINE_CODE.search(snippet), snippet
    assert not INLINE_CODE.search('<script src="/static/x.js" defer></script>')


def test_year_wheel_svg_uses_presentation_attributes_not_inline_styles():
    svg = wheel.render(
        wheel.Wheel(
            start_year=2026,
            rings=[wheel.Ring("hallinto", "Hallinto"), wheel.Ring("opetus", "Opetus")],
            marks=[
                wheel.Mark(datetime.date(2026, 9, 15), "hallinto", "Budjetti"),
                wheel.Mark(datetime.date(2026, 10, 1), "opetus", "Arviointi", state="overdue"),
                wheel.Mark(datetime.date(2027, 3, 1), "opetus", "Kevät", state="done"),
            ],
            today=datetime.date(2026, 11, 3),
        )
    )
    assert "<circle" in svg and "<rect" in svg and "wheel__today" in svg
    assert not INLINE_CODE.search(svg)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_browser_reports_refusals_on_the_console(browser, live_server):
    """The browser_page fixture fails tests on console lines like these: prove they appear."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/fi/kirjaudu/")
    page.evaluate(
        """() => {
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)
    ran = page.evaluate("() => window.inlineRan === true")
    context.close()
    refusals = [text for text in messages if "Content Security Policy" in text]
    assert not ran
    assert any("style" in text for text in refusals), messages
    assert any("script" in text for text in refusals), messages


def production_env(**more):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CACHE_", "EMAIL_"))
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "kb.settings.base",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.org",
        **more,
    }


def run(env, *args):
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# The documented set-ups (docs/deployment.md): TLS here, or TLS and the
# http -> https redirect at a reverse proxy that sets X-Forwarded-Proto and -For.
BEHIND_A_PROXY = {
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_CLIENT_ADDRESS_HEADER": "X-Forwarded-For",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://example.org",
}


@pytest.mark.parametrize("setup", [{}, BEHIND_A_PROXY], ids=["direct", "behind-a-proxy"])
def test_production_settings_pass_the_deployment_checklist(setup):
    check = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = run(production_env(**setup), *check)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_behind_a_proxy_https_is_recognised_and_not_redirected_again():
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='example.org')\n"
        "plain = client.get('/robots.txt')\n"
        "proxied = client.get('/robots.txt', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(plain.status_code, proxied.status_code, 'Strict-Transport-Security' in proxied)"
    )
    result = run(production_env(**BEHIND_A_PROXY), "-c", script)
    assert result.returncode == 0, result.stderr
    # No redirect loop: the proxy redirects, the app serves; HSTS only over https.
    assert result.stdout.split() == ["200", "200", "True"]
    direct = run(production_env(), "-c", script)
    assert direct.stdout.split() == ["301", "200", "True"]
