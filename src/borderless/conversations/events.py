"""What the rest of the platform hears from customer service.

`message_received(message)` is called once for every message, after the transaction that saved it commits
(a rolled-back message announces nothing). It publishes the event "message received" (payload: the
message's and the conversation's public ids; aggregate: the conversation), which notifications hears and
tells the other side; customer service imports no one who listens. `recipients(message)` names who should
hear of it.
"""

from django.db import transaction

from borderless import events
from borderless.accounts.models import Membership


def recipients(message) -> list:
    """The users who should be told of `message`: the buyer for the seller's or operator's messages; the
    seller's members for the buyer's or operator's."""
    conversation = message.conversation
    people = []
    if message.side != "buyer":
        people.append(conversation.buyer)
    if message.side != "seller":
        people += [
            m.user for m in Membership.objects.filter(seller_id=conversation.seller_id).select_related("user")
        ]
    return people


def message_received(message) -> None:
    """A message was written in a conversation (it is saved, masked and, with the sandbox, translated)."""
    conversation = message.conversation
    with transaction.atomic():
        events.publish(
            "message received",
            f"conversations.conversation:{conversation.public_id}",
            {"message": str(message.public_id), "conversation": str(conversation.public_id)},
        )
