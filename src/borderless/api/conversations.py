"""Customer service (客服): a buyer's questions to a seller about an order or a product, the seller's answers,
each message with its translation for the other side; contact details masked, with a notice."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import model_validator

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.conversations import services
from borderless.conversations.models import Conversation, Message

router = Router(tags=["conversations"], auth=AUTH)


class MessageOut(Schema):
    id: UUID
    side: Literal["buyer", "seller", "operator"]
    text: str = Field(description="As written (contact details masked).")
    language: str
    translated_text: str = Field(description="For the other side; empty until translated.")
    translated_language: str
    translation_state: str
    masked: list[str]
    attachments: list[str] = Field(description="Names of the files attached (downloaded from the web faces).")
    created_at: datetime


class ConversationOut(Schema):
    id: UUID
    seller: UUID
    order: UUID | None
    product: UUID | None
    subject: str
    disputed: bool
    first_response_seconds: int | None
    last_message_at: datetime


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut]


class ConversationIn(Schema):
    order: UUID | None = Field(None, description="Ask about one of your orders…")
    product: UUID | None = Field(None, description="…or about a published product (one of the two).")

    @model_validator(mode="after")
    def one_subject(self):
        if (self.order is None) == (self.product is None):
            raise ValueError("Name either an order or a product.")
        return self


class MessageIn(Schema):
    text: str = Field(max_length=20_000)


class PostedOut(Schema):
    message: MessageOut
    notice: str = Field(description="Why contact details were masked; empty when nothing was.")


def _conversation(c: Conversation) -> dict:
    return {
        "id": c.public_id,
        "seller": c.seller.public_id,
        "order": c.order.public_id if c.order_id else None,
        "product": c.product.public_id if c.product_id else None,
        "subject": c.subject,
        "disputed": c.disputed,
        "first_response_seconds": c.first_response_seconds,
        "last_message_at": c.last_message_at,
    }


def _message(m: Message) -> dict:
    return {
        "id": m.public_id,
        "side": m.side,
        "text": m.text,
        "language": m.language,
        "translated_text": m.translated_text,
        "translated_language": m.translated_language,
        "translation_state": m.translation_state,
        "masked": list(m.masked),
        "attachments": [a.original_name for a in m.attachments.all()],
        "created_at": m.created_at,
    }


@router.get("/conversations", response={200: list[ConversationOut], READ_ERRORS: Error})
def list_conversations(request: HttpRequest):
    """Your conversations, newest first: a buyer's own, a seller's own, every one for an operator (200 at
    most)."""
    return [_conversation(c) for c in services.conversations_for(request.auth)[:200]]


@router.post("/conversations", response={201: ConversationOut, WRITE_ERRORS: Error})
def open_conversation(request: HttpRequest, payload: ConversationIn):
    """A buyer opens (or finds again) the conversation with the seller about one of their orders or a
    published product. 404 for someone else's order or an unknown product; 403 for other roles."""
    if services.side_of(request.auth) != "buyer":
        raise ApiError(403, "Only buyers start conversations with sellers.", "forbidden")
    if payload.order is not None:
        found = services.open_about_order(request.auth, payload.order)
    else:
        found = services.open_about_product(request.auth, payload.product)
    return Status(201, _conversation(found))


@router.get("/conversations/{conversation_id}", response={200: ConversationDetailOut, READ_ERRORS: Error})
def get_conversation(request: HttpRequest, conversation_id: UUID):
    """A conversation with its messages, each in its language and translated for the other side."""
    found = services.conversation_for(request.auth, conversation_id)
    services.mark_read(request.auth, found)
    messages = found.messages.prefetch_related("attachments")[:500]
    return {**_conversation(found), "messages": [_message(m) for m in messages]}


@router.post("/conversations/{conversation_id}/messages", response={201: PostedOut, WRITE_ERRORS: Error})
def post_message(request: HttpRequest, conversation_id: UUID, payload: MessageIn):
    """Write in a conversation (1 to 2,000 characters; files are attached from the web faces). Phone numbers,
    WeChat ids and e-mail addresses are masked and `notice` says so. Operators write after joining."""
    posted = services.post_message(request.auth, conversation_id, payload.text)
    return Status(201, {"message": _message(posted.message), "notice": posted.notice})
