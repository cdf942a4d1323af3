"""What the purchase journeys in the browser share: logging in as someone, and the sandbox customs' answers
that come a minute after a parcel is declared."""

from datetime import timedelta

from django.utils import timezone

from borderless.events import outbox
from factories import PASSWORD


def log_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def customs_answers() -> int:
    """A minute later: the sandbox customs' verdicts on the declared parcels (release, or a hold for goods
    it inspects) come back through the outbox, as the worker would deliver them."""
    return outbox.deliver_due(now=timezone.now() + timedelta(seconds=61))
