"""Customer service (客服): opening a conversation, writing in it, translating it, an operator joining it,
and the seller's response time. The only code that changes the conversations' state."""

import re
import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.catalog.models import Product, ProductStatus
from borderless.conversations import events
from borderless.conversations.attachments import MAX_ATTACHMENTS, check_attachment
from borderless.conversations.masking import mask_contacts
from borderless.conversations.models import Attachment, Conversation, Message, Side, TranslationState
from borderless.orders.models import Order
from borderless.translation.providers import Provider, TranslationError, default_provider

MAX_MESSAGE_CHARS = 2000
RESPONSE_WINDOW = timedelta(days=90)
_HAN = re.compile(r"[\u3400-\u9fff]")


class ConversationError(ValidationError):
    """A message or conversation refused, with the reason written for the person who tried."""

    def __init__(self, message: str, code: str):
        super().__init__(message, code=code)
        self.text = message


@dataclass(frozen=True)
class Posted:
    message: Message
    masked: tuple[str, ...]  # kinds of contact details masked in it: a notice to the sender

    @property
    def notice(self) -> str:
        if not self.masked:
            return ""
        return _(
            "Contact details (phone numbers, WeChat ids, e-mail addresses) are hidden in messages: please "
            "keep the conversation and the payment on Borderless, where your order is protected."
        )


def side_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_operator:
        return Side.OPERATOR
    if getattr(user, "membership", None) is not None:
        return Side.SELLER
    if user.is_buyer:
        return Side.BUYER
    return None


def conversations_for(user):
    """The conversations `user` may read: a buyer's own, a seller's own, every one for an operator."""
    side = side_of(user)
    found = Conversation.objects.select_related("seller", "product", "order")
    if side == Side.OPERATOR:
        return found.order_by("-last_message_at")
    if side == Side.SELLER:
        return found.filter(seller_id=user.membership.seller_id).order_by("-last_message_at")
    if side == Side.BUYER:
        return found.filter(buyer=user).order_by("-last_message_at")
    return found.none()


def conversation_for(user, public_id) -> Conversation:
    """The conversation if `user` may read it; Conversation.DoesNotExist otherwise (someone else's, unknown
    or a malformed id all read as missing)."""
    try:
        return conversations_for(user).get(public_id=public_id)
    except (ValidationError, ValueError):
        raise Conversation.DoesNotExist from None


def _open(buyer, seller, *, order=None, product=None, subject="") -> tuple[Conversation, bool]:
    lookup = (
        {"buyer": buyer, "order": order} if order else {"buyer": buyer, "order": None, "product": product}
    )
    found = Conversation.objects.filter(**lookup).first()
    if found:
        return found, False
    try:
        with transaction.atomic():
            return Conversation.objects.create(
                buyer=buyer, seller=seller, order=order, product=product, subject=subject[:200]
            ), True
    except IntegrityError:  # the same buyer opened it at the same moment: one conversation
        return Conversation.objects.get(**lookup), False


def open_about_order(buyer, order_public_id) -> Conversation:
    """The buyer's conversation with the seller of one of their orders (opened once)."""
    if side_of(buyer) != Side.BUYER:
        raise Conversation.DoesNotExist
    try:
        order = Order.objects.select_related("seller").get(public_id=order_public_id, buyer=buyer)
    except (Order.DoesNotExist, ValidationError, ValueError):
        raise Conversation.DoesNotExist from None
    line = order.lines.select_related("sku__product").first()
    product = line.sku.product if line is not None and line.sku is not None else None
    subject = (line.title_zh or line.title_en) if line is not None else ""
    return _open(buyer, order.seller, order=order, product=product, subject=subject)[0]


def open_about_product(buyer, product_public_id) -> Conversation:
    """The buyer's question about a published product to its seller (one conversation per product)."""
    if side_of(buyer) != Side.BUYER:
        raise Conversation.DoesNotExist
    try:
        product = Product.objects.select_related("seller").get(
            public_id=product_public_id, status=ProductStatus.PUBLISHED
        )
    except (Product.DoesNotExist, ValidationError, ValueError):
        raise Conversation.DoesNotExist from None
    return _open(buyer, product.seller, product=product, subject=product.title_zh or product.title_en)[0]


def language_of(text: str, side: str) -> str:
    """Buyers write Chinese and sellers English; a text's own script decides when it has letters at all."""
    han = len(_HAN.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if han or latin:
        return "zh" if han * 2 >= latin else "en"
    return "zh" if side == Side.BUYER else "en"


def _clean_text(text) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if any(not (ch.isprintable() or ch in "\n\t") for ch in text):
        raise ConversationError(_("The message holds control characters; write it as plain text."), "control")
    return text


def post_message(user, conversation_public_id, text: str, files=()) -> Posted:
    """Write a message as the buyer, the seller (any member) or the operator who joined; contact details
    masked, attachments checked. Conversation.DoesNotExist for a conversation the user may not read;
    ConversationError for a message that cannot be sent (nothing is saved then)."""
    conversation = conversation_for(user, conversation_public_id)
    side = side_of(user)
    if side == Side.OPERATOR and conversation.operator_id is None:
        raise ConversationError(_("Join the conversation before writing in it."), "not_joined")
    text = _clean_text(text)
    files = list(files or ())
    if not text and not files:
        raise ConversationError(_("Write a message or attach a file."), "empty")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ConversationError(
            _("A message is at most %(limit)d characters; this one has %(count)d.")
            % {"limit": MAX_MESSAGE_CHARS, "count": len(text)},
            "too_long",
        )
    if len(files) > MAX_ATTACHMENTS:
        raise ConversationError(_("Attach at most %(n)d files.") % {"n": MAX_ATTACHMENTS}, "too_many_files")
    checked = []
    for upload in files:
        try:
            checked.append(check_attachment(upload))
        except ValidationError as exc:
            raise ConversationError(" ".join(exc.messages), "attachment") from None
    masked = mask_contacts(text)
    language = language_of(masked.text, side)
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        now = timezone.now()  # under the lock: messages of a conversation are written in their time order
        message = Message.objects.create(
            conversation=locked,
            author=user,
            side=side,
            text=masked.text,
            language=language,
            masked=list(masked.kinds),
            translation_state=TranslationState.PENDING if masked.text else TranslationState.NOT_NEEDED,
            created_at=now,
        )
        for document in checked:
            Attachment.objects.create(
                message=message,
                file=document.as_file(),
                original_name=document.original_name,
                content_type=document.content_type,
                extension=document.extension,
                size=len(document.content),
                sha256=document.sha256,
            )
        changes = {"last_message_at": now}
        if side == Side.BUYER:
            changes["buyer_read_at"] = now
        elif side == Side.SELLER:
            changes["seller_read_at"] = now
            if locked.first_response_seconds is None:
                first_question = locked.messages.filter(side=Side.BUYER).order_by("created_at").first()
                if first_question is not None:
                    changes["first_response_seconds"] = int((now - first_question.created_at).total_seconds())
        Conversation.objects.filter(pk=locked.pk).update(**changes)
        message_id = message.pk
        transaction.on_commit(lambda: _after_post(message_id))
    return Posted(message, masked.kinds)


def _after_post(message_id: int) -> None:
    provider = message_provider()
    if provider.name == "sandbox":
        translate_message(message_id, provider)
    else:
        from borderless.conversations import tasks

        tasks.translate_message(message_id)
    message = Message.objects.select_related("conversation__buyer").get(pk=message_id)
    events.message_received(message)


def message_provider() -> Provider:
    """The configured translation vendor; the sandbox translator when the platform runs on the built-in
    glossary translator (which reads English into Chinese only)."""
    provider = default_provider()
    if provider.name == "glossary":
        from borderless.translation.sandbox import SandboxTranslator

        return SandboxTranslator()
    return provider


def translate_message(message_id: int, provider: Provider | None = None) -> bool:
    """Translate one message for the other side (Chinese ⇄ English) through the translation service, its
    memory first. True when done; a vendor error leaves it failed, to be tried again."""
    from borderless.translation.services import translate

    message = Message.objects.get(pk=message_id)
    if message.translation_state in (TranslationState.DONE, TranslationState.NOT_NEEDED):
        return True
    target = "en" if message.language == "zh" else "zh"
    try:
        translated = translate(
            [message.text], message.language, target, provider=provider or message_provider()
        )
    except (TranslationError, ValueError):
        Message.objects.filter(pk=message_id).update(translation_state=TranslationState.FAILED)
        return False
    Message.objects.filter(pk=message_id).update(
        translated_text=translated[0].text,
        translated_language=target,
        translation_state=TranslationState.DONE,
    )
    return True


def join_dispute(operator, conversation_public_id) -> Conversation:
    """An operator joins a conversation in a dispute: both sides see Borderless in it from then on."""
    if side_of(operator) != Side.OPERATOR:
        raise Conversation.DoesNotExist
    conversation = conversation_for(operator, conversation_public_id)
    Conversation.objects.filter(pk=conversation.pk, operator__isnull=True).update(
        operator=operator, operator_joined_at=timezone.now(), disputed=True
    )
    conversation.refresh_from_db()
    return conversation


def mark_read(user, conversation: Conversation) -> None:
    field = {Side.BUYER: "buyer_read_at", Side.SELLER: "seller_read_at"}.get(side_of(user))
    if field:
        Conversation.objects.filter(pk=conversation.pk).update(**{field: timezone.now()})


def unread_for(user) -> int:
    """How many of the user's conversations have a message from the other side since they last read."""
    side = side_of(user)
    if side not in (Side.BUYER, Side.SELLER):
        return 0
    read = F("buyer_read_at") if side == Side.BUYER else F("seller_read_at")
    return (
        conversations_for(user)
        .filter(Q(**{f"{side}_read_at__isnull": True}) | Q(last_message_at__gt=read))
        .count()
    )


@dataclass(frozen=True)
class ResponseTime:
    median_seconds: int
    answered: int  # conversations the seller answered in the window

    @property
    def label_minutes(self) -> int:
        return max(1, round(self.median_seconds / 60))


def response_time(seller_id: int, now=None) -> ResponseTime | None:
    """The seller's median first-response time over the conversations opened in the last 90 days that the
    seller answered; None before the first answer."""
    since = (now or timezone.now()) - RESPONSE_WINDOW
    seconds = list(
        Conversation.objects.filter(
            seller_id=seller_id, created_at__gte=since, first_response_seconds__isnull=False
        ).values_list("first_response_seconds", flat=True)[:5000]
    )
    if not seconds:
        return None
    return ResponseTime(int(statistics.median(seconds)), len(seconds))


RESPONSE_TIME_CACHE_SECONDS = 600


def shown_response_time(seller_id: int | None) -> ResponseTime | None:
    """The figure the storefront shows on shop and product pages: `response_time`, kept 10 minutes in the
    cache so a busy product page reads no conversations."""
    if seller_id is None:
        return None
    key = f"conversations:response-time:{seller_id}"
    found = cache.get(key)
    if found is None:
        figure = response_time(seller_id)
        found = (figure.median_seconds, figure.answered) if figure else ()
        cache.set(key, found, RESPONSE_TIME_CACHE_SECONDS)
    return ResponseTime(*found) if found else None
