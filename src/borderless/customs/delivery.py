"""Sending a queued customs message: build it once, validate it, hand it to the gateway, mark it sent.

Runs from the outbox (topic `customs.send`), after the commit that queued it. A message waits (the outbox
tries again later) until the messages it depends on have left; an invalid one is never sent: the error is
kept on it and on its declaration, for an operator.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from borderless.customs import ceb, schema
from borderless.customs import sandbox as _sandbox  # noqa: F401  (registers the sandbox's receipt handler)
from borderless.customs.errors import CustomsDataError, GatewayUnavailable, InvalidMessage
from borderless.customs.gateway import get_gateway
from borderless.customs.models import CustomsMessage, Declaration, DeclarationStatus, MessageStatus
from borderless.customs.services import PREREQUISITES, SEND_TOPIC
from borderless.events import outbox

log = logging.getLogger(__name__)
LEFT = (MessageStatus.SENT, MessageStatus.ACCEPTED)
DEAD = (DeclarationStatus.REJECTED, DeclarationStatus.REFUSED, DeclarationStatus.FAILED)


class NotYet(GatewayUnavailable):
    """An earlier message of the declaration has not left yet."""

    code = "customs_waiting"


@outbox.handler(SEND_TOPIC)
def _deliver(payload: dict) -> None:
    send_message(payload["message"])


def send_message(guid) -> str:
    """Send one message; what happened, in words. NotYet or GatewayUnavailable: try again later."""
    message = CustomsMessage.objects.select_related("declaration__order").filter(guid=guid).first()
    if message is None:
        return "unknown message"
    if message.status != MessageStatus.QUEUED:
        return f"already {message.status}"
    declaration = message.declaration
    if declaration.status in DEAD:
        return f"not sent: the declaration is {declaration.status}"
    earlier = dict(
        declaration.messages.filter(kind__in=PREREQUISITES[message.kind]).values_list("kind", "status")
    )
    for kind in PREREQUISITES[message.kind]:
        if earlier.get(kind) not in LEFT:
            raise NotYet(f"{message.kind} waits for {kind} ({earlier.get(kind, 'not queued')}).")
    if not message.xml and not _build(message):
        return "invalid: not sent"
    with transaction.atomic():
        locked = CustomsMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != MessageStatus.QUEUED:
            return f"already {locked.status}"
        get_gateway(declaration.gateway).submit(str(locked.guid), locked.kind, locked.xml.encode("utf-8"))
        locked.status = MessageStatus.SENT
        locked.sent_at = timezone.now()
        locked.save(update_fields=["status", "sent_at"])
    return "sent"


def _build(message: CustomsMessage) -> bool:
    """Build and validate the message's XML and keep it (a retry sends exactly this); False if invalid."""
    try:
        xml = ceb.build(message.kind, message.declaration.order, message.guid, timezone.now())
        schema.validate(xml)
    except (CustomsDataError, InvalidMessage) as exc:
        problems = "; ".join(exc.details.get("errors", [])) if isinstance(exc, InvalidMessage) else ""
        _fail(message, f"{exc.message} {problems}".strip())
        return False
    text = xml.decode("utf-8")
    if CustomsMessage.objects.filter(pk=message.pk, xml="").update(xml=text):
        message.xml = text
    else:
        message.refresh_from_db(fields=["xml"])  # a twin worker built it first: that one is sent
    return True


def _fail(message: CustomsMessage, error: str) -> None:
    log.error("Customs message %s (%s) not sent: %s", message.guid, message.kind, error)
    now = timezone.now()
    with transaction.atomic():
        CustomsMessage.objects.filter(pk=message.pk, status=MessageStatus.QUEUED).update(
            status=MessageStatus.INVALID, error=error[:5000]
        )
        Declaration.objects.filter(pk=message.declaration_id).exclude(status__in=DEAD).update(
            status=DeclarationStatus.FAILED,
            reason_code="invalid_message",
            reason_note=f"{message.kind}: {error}"[:500],
            updated_at=now,
        )
