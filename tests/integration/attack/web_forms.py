"""The POST forms of the web faces, found by reading the pages the matrix declares; the bad values for them.

Every GET route of `access_web.WEB` is read as the first role allowed to use it (tenant a's objects); each
`<form method="post">` of the page is kept with its action, its fields as the page rendered them and its CSRF
token. A new page or a new form on a page is picked up without a list to keep.
"""

import hashlib
import os
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from access_web import WEB
from corpus import CORPUS, DECIMAL, UUID, value
from test_tenant_matrix_web import client_for, url_of

# Bad values per field in `make test`; `make fuzz` widens it (FORMS_EXAMPLES=100 tries every one).
EXAMPLES = int(os.environ.get("FORMS_EXAMPLES", "2"))
CSRF = "csrfmiddlewaretoken"
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ROLE_ORDER = ("buyer", "seller_owner", "brand_owner", "operator", "anonymous", "seller_staff")
SKIPPED_TYPES = frozenset({"submit", "button", "reset", "image", "file", "checkbox", "radio"})
# A formset's management form: Django reads a count below 0 as no rows, the same as the rendered blank rows.
MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


@dataclass
class Form:
    page: str
    role: str
    action: str
    fields: dict = field(default_factory=dict)  # name -> rendered value
    kinds: dict = field(default_factory=dict)  # name -> "amount", "integer", "uuid", "choice", "text"
    choices: dict = field(default_factory=dict)  # name -> the options a select offers

    @property
    def label(self) -> str:
        return f"{self.action} (on {self.page} as {self.role})"


def _role(rule) -> str | None:
    for role in ROLE_ORDER:
        if rule.own.get(role) == "ok":
            return role
    return None


def _kind(element, rendered: str) -> str:
    tag, kind = element.tag, (element.get("type") or "text").lower()
    if tag == "select":
        return "choice"
    if kind == "number" or (rendered and DECIMAL.match(rendered)):
        return "integer" if kind == "number" and element.get("step") in (None, "1") else "amount"
    if rendered and UUID.match(rendered):
        return "uuid"
    return "text"


def _fields(form_element, form: Form) -> None:
    for element in form_element.xpath(".//input|.//select|.//textarea|.//button"):
        name = element.get("name")
        if element.tag == "button" or (element.get("type") or "").lower() == "submit":
            # The button pressed sends its value: the first named one, a choice like a select's.
            if name and name not in form.fields:
                form.fields[name], form.kinds[name] = element.get("value", ""), "choice"
            continue
        kind = (element.get("type") or "text").lower()
        if (
            not name
            or (element.tag == "input" and kind in SKIPPED_TYPES)
            or element.get("disabled") is not None
        ):
            continue
        if element.tag == "select":
            options = [o.get("value", o.text_content()) for o in element.xpath(".//option")]
            chosen = [o.get("value", o.text_content()) for o in element.xpath(".//option[@selected]")]
            rendered = (chosen or options or [""])[0]
            form.choices[name] = options
        elif element.tag == "textarea":
            rendered = element.text or ""
        else:
            rendered = element.get("value", "")
        form.fields.setdefault(name, rendered)
        if name != CSRF and not name.endswith(MANAGEMENT):
            form.kinds.setdefault(name, _kind(element, rendered))


def pages() -> list[tuple[str, str]]:
    """(route, role) of every page the matrix lets some role read."""
    found = []
    for route, rule in sorted(WEB.items()):
        role = _role(rule)
        if rule.method == "GET" and role and not route.startswith("^") and "." not in route:
            found.append((route, role))
    return found


def discover(world) -> list[Form]:
    forms, seen = [], set()
    for route, role in pages():
        url = url_of(route, world.a, WEB[route].kind, world)
        response = client_for(world, role).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if not content.strip():
            continue
        document = lxml.html.fromstring(content)
        for element in document.xpath("//form"):
            if (element.get("method") or "get").lower() != "post":
                continue
            action = urljoin(url, element.get("action") or url)
            form = Form(page=url, role=role, action=action)
            _fields(element, form)
            key = (action.split("?")[0], tuple(sorted(form.fields)))
            if key not in seen:
                seen.add(key)
                forms.append(form)
    return forms


def _as_text(item) -> str | None:
    """A corpus value as a form would send it; JSON-only shapes (objects, lists, booleans) have no place."""
    made = value(item)
    if isinstance(made, (dict, list, bool)) or made is None:
        return None
    return str(made)


def bad_values(kind: str) -> list[str]:
    lists = {"amount": ["amount"], "integer": ["integer", "amount"], "uuid": ["uuid"]}
    values = [_as_text(item) for name in lists.get(kind, ["text"]) for item in CORPUS.get(name, [])]
    if kind in ("text", "choice"):
        values += ["-1.00", "NaN", "unknown-choice"]
    values.append(SCRIPT)
    return list(dict.fromkeys(v for v in values if v is not None))


def sample(values: list[str], key: str) -> list[str]:
    """EXAMPLES values chosen by the field's name (the same ones every run), the large ones always in."""
    if len(values) <= EXAMPLES:
        return values
    always = [v for v in values if len(v) > 100_000 or "\x00" in v]
    rest = sorted(
        (v for v in values if v not in always), key=lambda v: hashlib.sha1((key + v).encode()).digest()
    )
    return always[:1] + rest[: max(EXAMPLES - 1, 1)]


def cases(form: Form):
    """(field, bad value, body) with one field replaced, the others as the page rendered them."""
    for name, kind in sorted(form.kinds.items()):
        for bad in sample(bad_values(kind), f"{form.action}:{name}"):
            yield name, bad, {**form.fields, name: bad}
