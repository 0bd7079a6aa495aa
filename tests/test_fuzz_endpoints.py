"""Every public and signed-in endpoint, fuzzed: no 5xx, an answer in time, no partial writes.

See tests/fuzzing.py for the profiles and the hostile values.
"""

from urllib.parse import quote

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import ASCII, HOSTILE, SPECIAL, TEXT, form, query, request, rolled_back

SEARCH_WORD = {"fi": "haku", "sv": "sok"}  # /fi/haku/, /sv/sok/

pytestmark = pytest.mark.django_db

LANGUAGES = st.sampled_from(["fi", "sv"])
DATES = st.one_of(st.dates().map(lambda day: day.isoformat()), HOSTILE)


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(fuzz_site):
    return {
        "anonymous": Client(),
        "teacher": signed_in(fuzz_site["teacher"]),
        "editor": signed_in(fuzz_site["editor"]),
    }


WHO = st.sampled_from(["anonymous", "teacher", "editor"])


@given(who=WHO, language=LANGUAGES, params=query(["page", "q", "year"]), tail=HOSTILE)
def test_pages(fuzz_site, clients, who, language, params, tail):
    client = clients[who]
    with rolled_back():
        for path in [f"/{language}/", fuzz_site["guide"].url, f"/{language}/{quote(tail)}/"]:
            request(client, "pages", "GET", path, params)


@given(
    who=WHO,
    language=LANGUAGES,
    params=query(["q", "page", "kind", "audience", "school", "school_year"]),
)
def test_search_and_suggest(fuzz_site, clients, who, language, params):
    client = clients[who]
    with rolled_back():
        request(client, "search", "GET", f"/{language}/{SEARCH_WORD[language]}/", params)
        request(
            client, "search suggest", "GET", f"/{language}/{SEARCH_WORD[language]}/suggest/", params
        )


@given(who=WHO, language=LANGUAGES, params=query(["role", "school", "category", "year"]))
def test_year_clock_page_and_exports(fuzz_site, clients, who, language, params):
    client = clients[who]
    slug = fuzz_site["clock"].slug
    with rolled_back():
        request(
            client,
            "year clock page",
            "GET",
            url("yearclock:year_clock", language, slug=slug),
            params,
        )
        request(
            client, "export.csv", "GET", url("yearclock:export_csv", language, slug=slug), params
        )
        request(
            client, "export.ics", "GET", url("yearclock:export_ics", language, slug=slug), params
        )
        request(client, "year clock index", "GET", url("yearclock:index", language), params)


@given(
    who=WHO,
    language=LANGUAGES,
    which=st.sampled_from(["public_task", "staff_task"]),
    params=query(["year"]),
    data=form(["occurrence", "note", "undo"]),
    occurrence=st.one_of(DATES, st.sampled_from(["2026-09-07", "2026-10-05", "2027-01-15"])),
)
def test_task_page_and_marking_done(
    fuzz_site, clients, who, language, which, params, data, occurrence
):
    client = clients[who]
    task = fuzz_site[which]
    path = url("yearclock:task", language, slug=task.year_clock.slug, pk=task.pk)
    with rolled_back():
        request(client, "task page", "GET", path, params)
        request(client, "task mark done", "POST", path, {"occurrence": occurrence, **data})


@given(
    language=LANGUAGES,
    data=form(["action", "label", "token", "email_reminders", "weekly_digest"]),
    token=st.one_of(HOSTILE, st.just("own")),
)
def test_my_calendar_actions(fuzz_site, clients, language, data, token):
    token = str(fuzz_site["token"].pk) if token == "own" else token
    with rolled_back():
        request(
            clients["teacher"],
            "my calendar",
            "POST",
            url("yearclock:calendar", language),
            {"token": token, **data},
        )


@given(language=LANGUAGES, data=form(["language"]))
def test_account(fuzz_site, clients, language, data):
    with rolled_back():
        request(clients["teacher"], "account", "POST", url("account", language), data)
        request(clients["anonymous"], "account", "GET", url("account", language))


@given(
    slug=st.one_of(st.just("rusko"), ASCII), params=query(["lang", "role", "school", "category"])
)
def test_public_feeds(fuzz_site, clients, slug, params):
    with rolled_back():
        request(
            clients["anonymous"], "public feed", "GET", f"/feeds/{quote(slug, safe='')}.ics", params
        )


@given(token=st.one_of(st.just("own"), HOSTILE), params=query(["lang"]))
def test_personal_feeds(fuzz_site, clients, token, params):
    token = fuzz_site["raw_token"] if token == "own" else token
    with rolled_back():
        request(
            clients["anonymous"],
            "personal feed",
            "GET",
            f"/feeds/personal/{quote(token, safe='')}.ics",
            params,
        )


@given(
    who=WHO,
    start=DATES,
    end=DATES,
    params=query(["yearclock", "role", "school", "category", "lang"]),
)
def test_json_api(fuzz_site, clients, who, start, end, params):
    with rolled_back():
        request(
            clients[who],
            "json api",
            "GET",
            "/api/v1/occurrences",
            {"start": start, "end": end, **params},
        )


RULE_FIELDS = ["rule", "once_date", "month", "day", "week", "weekday", "nth", "anchor"]


@given(
    who=WHO,
    rule=query([*RULE_FIELDS, "offset_days", "rrule", "within_terms", "move_to_working_day"]),
    listing=query(["q", "language", "year_clock", "roles", "category", "visibility", "p"]),
)
def test_task_admin(fuzz_site, clients, who, rule, listing):
    """The task form's rule preview and the task listing (search, filters) in the admin."""
    from django.contrib.auth.models import Permission

    fuzz_site["editor"].user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_task", "view_task"])
    )
    with rolled_back():
        request(clients[who], "task rule preview", "GET", "/admin/yearclock/rule-preview/", rule)
        request(clients[who], "task listing", "GET", "/admin/snippets/yearclock/task/", listing)


@given(language=LANGUAGES, data=form(["login", "password", "next"]), after=HOSTILE)
def test_login(fuzz_site, language, data, after):
    with rolled_back():
        client = Client()
        path = url("account_login", language) + "?next=" + quote(after)
        request(client, "login", "POST", path, data)
        request(client, "login", "GET", path)
        request(client, "admin login", "GET", "/admin/login/?next=" + quote(after))


@given(language=LANGUAGES, data=form(["email"]))
def test_password_reset_request(fuzz_site, language, data):
    with rolled_back():
        request(Client(), "password reset", "POST", url("account_reset_password", language), data)


@given(
    language=LANGUAGES,
    key=st.one_of(HOSTILE, st.just("x-set-password")),
    data=form(["password1", "password2"]),
)
def test_password_reset_from_key(fuzz_site, language, key, data):
    with rolled_back():
        path = url("account", language) + "password/reset/key/" + quote(key, safe="") + "/"
        request(Client(), "password reset link", "GET", path)
        request(Client(), "password reset link", "POST", path, data)


@given(
    language=LANGUAGES,
    data=form(["oldpassword", "password1", "password2", "code", "action"]),
)
def test_password_change_and_second_factor(fuzz_site, clients, language, data):
    with rolled_back():
        teacher = clients["teacher"]
        request(teacher, "password change", "POST", url("account_change_password", language), data)
        request(teacher, "second factor", "GET", url("mfa_index", language))
        request(teacher, "totp enrolment", "POST", url("mfa_activate_totp", language), data)
        request(clients["anonymous"], "second factor", "GET", url("mfa_index", language))
        request(
            clients["anonymous"], "mfa sign-in", "POST", url("mfa_authenticate", language), data
        )


@given(
    language=LANGUAGES,
    data=form(["message", "page", "organisation", "name", "email"]),
    params=query(["date", "year"]),
)
def test_accessibility_feedback_and_task_dates(fuzz_site, clients, language, data, params):
    """The statement's feedback form (anyone may post it) and the task page's ?date=."""
    with rolled_back():
        request(Client(), "feedback", "POST", url("accessibility_statement", language), data)
        task = fuzz_site["public_task"]
        path = url("yearclock:task", language, slug=fuzz_site["clock"].slug, pk=task.pk)
        request(clients["teacher"], "task page", "GET", path, params)


@pytest.mark.parametrize("value", SPECIAL)
def test_every_special_value_everywhere(fuzz_site, clients, value):
    """The named values once each, deterministically, in every parameter of every endpoint."""
    teacher, anonymous = clients["teacher"], clients["anonymous"]
    slug, task = fuzz_site["clock"].slug, fuzz_site["public_task"]
    task_path = url("yearclock:task", slug=slug, pk=task.pk)
    every = lambda *names: dict.fromkeys(names, value)  # noqa: E731
    gets = [
        ("pages", f"/fi/{quote(value, safe='')}/", every("page", "q")),
        ("search", "/fi/haku/", every("q", "page", "kind", "audience", "school", "school_year")),
        ("search suggest", "/sv/sok/suggest/", every("q")),
        (
            "year clock page",
            url("yearclock:year_clock", slug=slug),
            every("role", "school", "category", "year"),
        ),
        ("export.csv", url("yearclock:export_csv", slug=slug), every("role", "year")),
        ("export.ics", url("yearclock:export_ics", slug=slug), every("school", "year")),
        ("task page", task_path, every("year", "date")),
        ("year clock page", url("yearclock:year_clock", slug=slug), every("all")),
        ("public feed", f"/feeds/{slug}.ics", every("lang", "role", "school", "category")),
        ("personal feed", f"/feeds/personal/{quote(value, safe='')}.ics", every("lang")),
        ("json api", "/api/v1/occurrences", every("start", "end", "yearclock", "role", "lang")),
        (
            "json api",
            "/api/v1/occurrences",
            {"start": "2026-08-01", "end": "2027-07-31", **every("school", "category")},
        ),
    ]
    with rolled_back():
        for number, (surface, path, params) in enumerate(gets):
            request(teacher if number % 2 else anonymous, surface, "GET", path, params)
        posts = [
            ("task mark done", task_path, every("occurrence", "note", "undo")),
            ("my calendar", url("yearclock:calendar"), {"action": "revoke", "token": value}),
            ("my calendar", url("yearclock:calendar"), {"action": "create", "label": value}),
            (
                "my calendar",
                url("yearclock:calendar"),
                {"action": value, **every("email_reminders", "weekly_digest")},
            ),
            ("account", url("account"), every("language")),
            (
                "feedback",
                url("accessibility_statement"),
                every("message", "page", "organisation", "name", "email"),
            ),
        ]
        for surface, path, data in posts:
            request(teacher, surface, "POST", path, data)
        request(
            Client(),
            "login",
            "POST",
            url("account_login") + "?next=" + quote(value),
            every("login", "password", "next"),
        )


@given(text=TEXT)
def test_ids_in_paths(fuzz_site, clients, text):
    """Malformed and huge ids where the URL takes a number."""
    task_path = url("yearclock:task", slug=fuzz_site["clock"].slug, pk=1)[: -len("1/")]
    with rolled_back():
        for pk in ["0", "99999999999999999999", "9223372036854775808", "-1", quote(text, safe="")]:
            request(clients["teacher"], "task page", "GET", f"{task_path}{pk}/")
            request(clients["anonymous"], "documents", "GET", f"/documents/{pk}/x.pdf")


@given(
    path=st.sampled_from(["/fi/", "/sv/sok/?q=a", "/api/v1/occurrences", "/feeds/rusko.ics"]),
    headers=st.fixed_dictionaries(
        {},
        optional={
            "HTTP_HOST": st.one_of(
                st.sampled_from(["localhost", "evil.example", "[::1]:99999"]), ASCII
            ),
            "HTTP_ACCEPT": st.one_of(st.sampled_from(["text/html", "*/*", ""]), ASCII),
            "HTTP_ACCEPT_LANGUAGE": st.one_of(st.sampled_from(["sv", "sv-FI;q=x", "*"]), ASCII),
            "HTTP_X_FORWARDED_FOR": ASCII,
            "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http", "ftp", ""]),
            "HTTP_IF_NONE_MATCH": ASCII,
            "HTTP_IF_MODIFIED_SINCE": st.one_of(st.just("Wed, 21 Oct 2015 07:28:00 GMT"), ASCII),
        },
    ),
)
def test_request_headers(fuzz_site, settings, path, headers):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    with rolled_back():
        request(Client(), "request headers", "GET", path, **headers)
