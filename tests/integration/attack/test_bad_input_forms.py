"""The bad-input corpus against every POST form of the web faces, as the role the page is for.

Each field in turn takes bad values (huge numbers, NaN and Infinity, many decimals, negative amounts, 1 MB
strings, NUL bytes, unknown choices, script), the other fields as the page rendered them. An answer is one of:
- a 4xx, or the page again with a visible error: every table as it was;
- a redirect (or a 200) that saved: only ordinary text (script included) in a free-text field;
- a redirect that saved nothing: the next page must say what was wrong;
- a 200 without a visible error: only if every table is as it was.
Never a 5xx.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from snapshot import changed_tables, snapshot
from web_forms import cases, discover

pytestmark = pytest.mark.django_db
# Django's own language switch and signing out hold no data of the platform: any value only redirects.
NO_DATA = ("/i18n/setlang/", "/logout/")
ERROR_MARKS = (b'class="errorlist', b'class="error', b'class="errors', b'<li class="warning')


@dataclass
class Seen:
    status: int
    changed: list
    rows: str
    error: bool


def visible_error(content: bytes) -> bool:
    return any(mark in content for mark in ERROR_MARKS)


def _saved_rows(before: dict, after: dict, tables: list) -> str:
    return repr([row for name in tables for row in after.get(name, []) if row not in before.get(name, [])])


def post(world, form, body) -> Seen:
    client = Client(raise_request_exception=False)
    if (user := world.user(form.role)) is not None:
        client.force_login(user)
    with transaction.atomic():
        before = snapshot()
        response = client.post(form.action, body)
        after = snapshot()
        changed = changed_tables(before, after)
        rows = _saved_rows(before, after, changed) if changed else ""
        error = visible_error(response.content)
        if response.status_code in (301, 302, 303) and not changed:
            error = visible_error(client.get(response["Location"]).content)
        transaction.set_rollback(True)
    return Seen(response.status_code, changed, rows, error)


def defect(kind: str, name: str, bad: str, seen: Seen) -> str | None:
    status = seen.status
    if status >= 500:
        return f"{status}"
    if 400 <= status < 500:
        return f"{status} and changed {seen.changed}" if seen.changed else None
    if status not in (200, 301, 302, 303):
        return f"{status}?"
    if not seen.changed:
        # A page to come back to that is not one of the site's: the answer goes home, as it should.
        return (
            None
            if status == 200 or seen.error or name == "next"
            else "redirect: nothing saved, no error said"
        )
    if name == "next":  # only where to go afterwards: the save is the form's own
        return None
    # Ordinary text in a free-text field may be saved (or ignored by the action the form took); a 1 MB
    # string or a NUL byte never; nor any number, id or choice the form should have refused.
    if kind == "text" and len(bad) <= 100_000 and "\x00" not in bad:
        return None
    return f"saved {seen.changed}"


@pytest.fixture(scope="module")
def forms(world):
    return discover(world)


def test_the_forms_are_found(forms):
    actions = {urlsplit(f.action).path for f in forms}
    assert len(forms) >= 20
    for path in ("/destination/", "/cart/remove/", "/seller/products/new/", "/brand/new/", "/login/"):
        assert path in actions, sorted(actions)


# The forms in shards, so that the two test processes of `make test` share them.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_bad_input_in_every_form(world, forms, shard, record_property):
    wrong = []
    for form in forms[shard::SHARDS]:
        if urlsplit(form.action).path in NO_DATA:
            continue
        tried = changed = 0
        for name, bad, body in cases(form):
            seen = post(world, form, body)
            tried += 1
            if (problem := defect(form.kinds[name], name, bad, seen)) is not None:
                changed += bool(seen.changed)
                wrong.append(f"{form.label} {name}={bad[:40]!r}: {problem}")
        record_property("forms", {"form": form.label, "inputs": tried, "changed": changed})
    assert wrong == [], "\n".join(wrong)
