"""The expected answers of the cross-tenant matrix, and how an answer is read.

An expectation is one of:
- "ok": allowed. A GET answers 200; any other method passes the access check (below 500, not refused).
- "login": a web page redirects an anonymous visitor to the login page.
- "401", "403", "404", "405", "400", "302": that status exactly ("302": a redirect elsewhere than the login).
- "unchanged": a write that answers (a redirect with a message, say) and changes nothing.
The refusals are "login", "401", "403", "404" and "unchanged"; an allowed answer (or any change of data)
where a refusal is declared is a leak.
"""

from dataclasses import dataclass, field

from world import ROLES

REFUSALS = frozenset({"login", "401", "403", "404", "unchanged"})
# Roles bound to a tenant: they may reach their own tenant's objects only. Operators see every tenant.
TENANT_ROLES = frozenset({"buyer", "seller_owner", "seller_staff", "brand_owner"})
SELLER = ("seller_owner", "seller_staff")


@dataclass(frozen=True)
class Rule:
    """Who may use a route: `own` per role for the caller's own tenant's object; `foreign` for the other's."""

    method: str = "GET"
    kind: str | None = None
    own: dict = field(default_factory=dict)
    foreign: dict = field(default_factory=dict)
    body: dict | None = None


def rule(*allowed, method="GET", kind=None, anonymous="login", others="403", foreign="404", shared=False,
         body=None, **special) -> Rule:  # fmt: skip
    """`allowed` roles get "ok", the anonymous visitor `anonymous`, the rest `others`; `special` overrides.

    With a `kind` (the route names an object), a tenant role allowed its own object gets `foreign` for the
    other tenant's, unless the object is `shared` (public, or seen by every role alike).
    """
    own = {role: ("ok" if role in allowed else others) for role in ROLES}
    own["anonymous"] = "ok" if "anonymous" in allowed else anonymous
    own.update(special)
    theirs = dict(own)
    if kind and not shared:
        theirs.update({r: foreign for r in TENANT_ROLES if own[r] == "ok"})
    return Rule(method, kind, own, theirs if kind else {}, body)


def public(method="GET", kind=None, **special) -> Rule:
    return rule(*ROLES, method=method, kind=kind, shared=True, **special)


def reading(response, method: str, login_url: str = "/login/") -> str:
    """What an answer means, in the terms of the expectations."""
    status = response.status_code
    if status in (301, 302, 303):
        location = response.get("Location", "")
        if location.split("?")[0].endswith(login_url):
            return "login"
        return "ok 302" if method != "GET" else "302"
    if method == "GET":
        return "ok" if status == 200 else str(status)
    if status in (401, 403, 404, 405) or status >= 500:
        return str(status)
    return f"ok {status}"


def allowed(seen: str) -> bool:
    return seen == "ok" or seen.startswith("ok ")


def agrees(expected: str, seen: str, method: str) -> bool:
    """A write's "ok" carries its status ("ok 409"): it passed the access check whatever it answered."""
    if expected == "ok":
        return allowed(seen)
    return expected == seen or (method != "GET" and expected.isdigit() and seen == f"ok {expected}")
