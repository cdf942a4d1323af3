"""Customer service (客服): conversations between a buyer and a seller about an order or a product, and
their messages, each kept as written (contact details masked) and as translated for the other side."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from borderless.accounts.models import Seller
from borderless.catalog.models import Product
from borderless.orders.models import Order
from borderless.trust.storage import private_storage


class Conversation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations"
    )
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="conversations")
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # The first answer of the seller to the buyer's first message, in seconds (None: not answered yet).
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    disputed = models.BooleanField(default=False)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    operator_joined_at = models.DateTimeField(null=True, blank=True)
    buyer_read_at = models.DateTimeField(null=True, blank=True)
    seller_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "order"], condition=Q(order__isnull=False), name="conversation_one_per_order"
            ),
            models.UniqueConstraint(
                fields=["buyer", "product"],
                condition=Q(order__isnull=True, product__isnull=False),
                name="conversation_one_per_product_question",
            ),
        ]
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"]),
            models.Index(fields=["seller", "-last_message_at"]),
        ]

    def __str__(self) -> str:
        return f"conversation {self.public_id}"


class Side(models.TextChoices):
    BUYER = "buyer", "Buyer"
    SELLER = "seller", "Seller"
    OPERATOR = "operator", "Borderless"


class TranslationState(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    NOT_NEEDED = "not_needed", "Not needed"


class Message(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices)
    text = models.TextField(blank=True)  # as written, contact details masked
    language = models.CharField(max_length=8)  # the language it was written in: zh or en
    translated_text = models.TextField(blank=True)
    translated_language = models.CharField(max_length=8, blank=True)
    translation_state = models.CharField(
        max_length=12, choices=TranslationState.choices, default=TranslationState.PENDING
    )
    masked = models.JSONField(default=list)  # kinds of contact details masked: phone, wechat, email
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self) -> str:
        return self.text[:40]


def attachment_path(instance, filename: str) -> str:
    return f"messages/{instance.message.conversation.public_id}/{uuid.uuid4().hex}.{instance.extension}"


class Attachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.original_name
