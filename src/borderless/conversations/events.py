"""What the rest of the platform hears from customer service.

`message_received(message)` is called once for every message, after the transaction that saved it commits
(a rolled-back message announces nothing). The notification of the other side is hooked here: whoever sends
notices calls its own service from this function. `recipients(message)` names who should hear of it.
"""

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
