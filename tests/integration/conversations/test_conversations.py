"""Customer service between a buyer (Chinese) and a seller (English): translation both ways with the sandbox
translator, masking with a notice, refusals that save nothing, who may read what, the response time."""

from datetime import timedelta

import pytest
from cs_support import SVG, place_order
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from borderless.conversations import services
from borderless.conversations.masking import MASK
from borderless.conversations.models import Attachment, Conversation, Message
from casework_support import pdf, png
from factories import make_buyer, make_operator, make_product, make_seller, owner_of, staff_of

pytestmark = pytest.mark.django_db


def test_buyer_asks_in_chinese_seller_reads_english_and_answers(shop, django_capture_on_commit_callbacks):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    with django_capture_on_commit_callbacks(execute=True):
        question = services.post_message(shop["buyer"], chat.public_id, "这个产品有货吗？").message
    question.refresh_from_db()
    assert (question.language, question.text) == ("zh", "这个产品有货吗？")
    assert (question.translated_language, question.translated_text) == ("en", "Is this product in stock?")

    with django_capture_on_commit_callbacks(execute=True):
        answer = services.post_message(shop["owner"], chat.public_id, "Yes, it is in stock.").message
    answer.refresh_from_db()
    assert (answer.language, answer.translated_language, answer.translated_text) == ("en", "zh", "有货。")
    assert services.open_about_product(shop["buyer"], shop["product"].public_id) == chat  # one per product


def test_phone_wechat_and_email_masked_with_a_notice(shop, django_capture_on_commit_callbacks):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    posted = services.post_message(shop["buyer"], chat.public_id, "加微信 tea_lover88 或打 138 1234 5678")
    assert posted.masked == ("phone", "wechat")
    assert posted.notice
    saved = Message.objects.get()
    assert "1234" not in saved.text and "tea_lover88" not in saved.text and MASK in saved.text
    assert saved.masked == ["phone", "wechat"]
    posted = services.post_message(shop["owner"], chat.public_id, "Email me: joe@farm.com")
    assert posted.masked == ("email",) and "joe@farm.com" not in posted.message.text


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("   \n ", "empty"), ("长" * (services.MAX_MESSAGE_CHARS + 1), "too_long")],
)
def test_empty_or_huge_message_refused_and_nothing_saved(shop, text, code):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    with pytest.raises(services.ConversationError) as refused:
        services.post_message(shop["buyer"], chat.public_id, text)
    assert refused.value.code == code and refused.value.text
    assert not Message.objects.exists()


def test_script_is_kept_as_text(shop):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    posted = services.post_message(shop["buyer"], chat.public_id, "<script>alert(1)</script>有货吗")
    assert posted.message.text == "<script>alert(1)</script>有货吗"  # escaped where it is shown


def test_attachments_checked_by_content(shop):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    services.post_message(shop["buyer"], chat.public_id, "看图", [png("photo.png"), pdf("invoice.pdf")])
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    hostile = [
        SimpleUploadedFile("x.svg", SVG, "image/svg+xml"),
        SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png"),
        SimpleUploadedFile("doc.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        SimpleUploadedFile("empty.png", b"", "image/png"),
    ]
    for label, upload in enumerate(hostile):
        with pytest.raises(services.ConversationError):
            services.post_message(shop["buyer"], chat.public_id, "看这个", [upload])
        assert Message.objects.count() == 1, label
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (6 * 1024 * 1024), "image/png")
    with pytest.raises(services.ConversationError, match="5 MB"):
        services.post_message(shop["buyer"], chat.public_id, "大图", [big])
    assert Message.objects.count() == 1 and Attachment.objects.count() == 2


def test_each_side_reads_only_its_own_conversations(shop):
    chat = services.open_about_order(shop["buyer"], place_order(shop["buyer"], shop["product"]).public_id)
    other_seller = make_seller(state="VT")
    stranger, other_owner = make_buyer(), owner_of(other_seller)
    for user in (stranger, other_owner, staff_of(other_seller)):
        with pytest.raises(Conversation.DoesNotExist):
            services.conversation_for(user, chat.public_id)
        with pytest.raises(Conversation.DoesNotExist):
            services.post_message(user, chat.public_id, "hello")
        assert list(services.conversations_for(user)) == []
    with pytest.raises(Conversation.DoesNotExist):  # someone else's order
        services.open_about_order(stranger, chat.order.public_id)
    with pytest.raises(Conversation.DoesNotExist):
        services.conversation_for(stranger, "not-a-uuid")
    assert services.conversation_for(staff_of(shop["seller"]), chat.public_id) == chat
    assert not Message.objects.exists()


def test_operator_joins_a_dispute_before_writing(shop):
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    operator = make_operator()
    with pytest.raises(services.ConversationError):
        services.post_message(operator, chat.public_id, "Borderless here.")
    joined = services.join_dispute(operator, chat.public_id)
    assert joined.disputed and joined.operator == operator
    message = services.post_message(operator, chat.public_id, "Borderless here: please send a photo.").message
    assert message.side == "operator"
    with pytest.raises(Conversation.DoesNotExist):
        services.join_dispute(shop["owner"], chat.public_id)


def test_median_first_response_time(shop):
    assert services.response_time(shop["seller"].pk) is None
    minutes = [5, 30, 240]
    for n, wait in enumerate(minutes):
        product = make_product(shop["seller"], title_en=f"Honey {n}")
        chat = services.open_about_product(shop["buyer"], product.public_id)
        question = services.post_message(shop["buyer"], chat.public_id, "有货吗？").message
        Message.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(minutes=wait))
        services.post_message(shop["owner"], chat.public_id, "Yes.")
        services.post_message(shop["owner"], chat.public_id, "Anything else?")  # only the first answer counts
    figure = services.response_time(shop["seller"].pk)
    assert figure.answered == 3
    assert abs(figure.median_seconds - 30 * 60) <= 5
    assert figure.label_minutes == 30


class FlakyVendor:
    """A translation vendor at the platform's border: down for the first call, then answering."""

    name = "vendor"
    memory_key = "vendor:1"

    def __init__(self):
        self.calls = 0

    def translate(self, texts, source, target, glossary):
        from borderless.translation.providers import ProviderUnavailable, Translation

        self.calls += 1
        if self.calls == 1:
            raise ProviderUnavailable("down")
        return [Translation(f"[{source}→{target}] {t}") for t in texts]


def test_a_vendor_translates_through_the_task_queue_and_failures_are_retried(
    shop, monkeypatch, django_capture_on_commit_callbacks
):
    from huey.contrib.djhuey import HUEY

    from borderless.conversations.tasks import retry_message_translations

    vendor = FlakyVendor()
    monkeypatch.setattr(services, "message_provider", lambda: vendor)
    monkeypatch.setattr(HUEY, "immediate", True)
    chat = services.open_about_product(shop["buyer"], shop["product"].public_id)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.post_message(shop["buyer"], chat.public_id, "保质期多久").message
    message.refresh_from_db()
    assert message.translation_state == "failed" and message.translated_text == ""
    assert retry_message_translations.call_local() == 1
    message.refresh_from_db()
    assert (message.translation_state, message.translated_text) == ("done", "[zh→en] 保质期多久")
    from borderless.fleet.jobs import JOBS

    # Once per period (ADR 1101): the same period fired again is refused; the job itself finds nothing left.
    assert retry_message_translations.call_local() is None
    assert JOBS["conversations.retry_message_translations"].run() == 0
