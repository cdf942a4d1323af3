"""The three faces of customer service: the buyer asks in Chinese on the product page and reads the seller's
English answer in Chinese; the seller reads and answers in English; the console joins a dispute. Bad input
is a form error with nothing saved; script is shown as text; someone else's conversation is not found."""

import pytest
from cs_support import place_order
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from borderless.conversations.models import Conversation, Message
from casework_support import png
from factories import make_buyer, make_operator

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


def _ask(buyer_client, product) -> Conversation:
    response = buyer_client.post(f"/p/{product.public_id}/ask/")
    assert response.status_code == 302
    return Conversation.objects.get(public_id=response["Location"].rstrip("/").rsplit("/", 1)[1])


def test_buyer_asks_in_chinese_and_reads_the_english_answer_in_chinese(
    shop, django_capture_on_commit_callbacks
):
    buyer, seller = _client(shop["buyer"]), _client(shop["owner"])
    page = buyer.get(f"/p/{shop['product'].public_id}/").content.decode()
    assert "联系卖家" in page
    chat = _ask(buyer, shop["product"])
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            buyer.post(f"/messages/{chat.public_id}/send/", {"text": "这个产品有货吗？"}).status_code == 302
        )

    inbox = seller.get("/seller/messages/").content.decode()
    assert str(chat.public_id) in inbox
    thread = seller.get(f"/seller/messages/{chat.public_id}/").content.decode()
    assert (
        "Is this product in stock?" in thread and "Show original" in thread and "这个产品有货吗？" in thread
    )
    with django_capture_on_commit_callbacks(execute=True):
        seller.post(f"/seller/messages/{chat.public_id}/send/", {"text": "Yes, it is in stock."})

    thread = buyer.get(f"/messages/{chat.public_id}/").content.decode()
    assert "有货。" in thread and "显示原文" in thread and "Yes, it is in stock." in thread
    cache.clear()
    shop_page = buyer.get(f"/s/{shop['seller'].public_id}/").content.decode()
    assert 'id="response-time"' in shop_page and "卖家通常在 1 分钟内回复" in shop_page


def test_masked_contact_details_come_with_a_notice(shop):
    buyer = _client(shop["buyer"])
    chat = _ask(buyer, shop["product"])
    response = buyer.post(
        f"/messages/{chat.public_id}/send/", {"text": "加我微信 tea_lover88，电话 13812345678"}, follow=True
    )
    page = response.content.decode()
    assert "tea_lover88" not in page and "13812345678" not in page
    assert "联系方式" in page  # the notice, in Chinese
    assert Message.objects.get().masked == ["phone", "wechat"]


def test_script_in_a_message_is_shown_as_text(shop):
    buyer, seller = _client(shop["buyer"]), _client(shop["owner"])
    chat = _ask(buyer, shop["product"])
    buyer.post(f"/messages/{chat.public_id}/send/", {"text": "<script>alert('x')</script>"})
    for page in (
        buyer.get(f"/messages/{chat.public_id}/"),
        seller.get(f"/seller/messages/{chat.public_id}/"),
    ):
        html = page.content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "   "},
        {"text": "长" * 2001},
        {
            "text": "看图",
            "files": SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 300, "image/png"),
        },
        {
            "text": "看图",
            "files": SimpleUploadedFile("a.html", b"<html><script>1</script></html>", "text/html"),
        },
    ],
    ids=["empty", "blank", "huge", "exe named png", "html"],
)
def test_bad_messages_are_a_form_error_and_nothing_is_saved(shop, data):
    buyer = _client(shop["buyer"])
    chat = _ask(buyer, shop["product"])
    response = buyer.post(f"/messages/{chat.public_id}/send/", data)
    assert response.status_code == 422
    assert 'class="errors"' in response.content.decode() or "errorlist" in response.content.decode()
    assert not Message.objects.exists()


def test_photo_attachment_reaches_both_sides_only(shop):
    buyer = _client(shop["buyer"])
    chat = _ask(buyer, shop["product"])
    buyer.post(f"/messages/{chat.public_id}/send/", {"text": "破损了", "files": png("broken.png")})
    attachment = Message.objects.get().attachments.get()
    url = f"/messages/files/{attachment.public_id}/"
    assert buyer.get(url)["Content-Type"] == "image/png"
    assert _client(shop["owner"]).get(url).status_code == 200
    assert _client(make_buyer()).get(url).status_code == 404


def test_someone_elses_conversation_is_not_found(shop):
    order = place_order(shop["buyer"], shop["product"])
    buyer = _client(shop["buyer"])
    response = buyer.post(f"/orders/{order.public_id}/contact/")
    chat = Conversation.objects.get(order=order)
    assert response["Location"].endswith(f"/messages/{chat.public_id}/")
    stranger = _client(make_buyer())
    assert stranger.get(f"/messages/{chat.public_id}/").status_code == 404
    assert stranger.post(f"/messages/{chat.public_id}/send/", {"text": "hi"}).status_code == 404
    assert stranger.post(f"/orders/{order.public_id}/contact/").status_code == 404
    assert not Message.objects.exists() and Conversation.objects.count() == 1


def test_operator_joins_a_dispute_from_the_console(shop):
    buyer = _client(shop["buyer"])
    chat = _ask(buyer, shop["product"])
    buyer.post(f"/messages/{chat.public_id}/send/", {"text": "东西是假的"})
    ops = _client(make_operator())
    assert str(chat.public_id) in ops.get("/ops/conversations/").content.decode()
    assert ops.post(f"/ops/conversations/{chat.public_id}/send/", {"text": "Hello"}).status_code == 422
    ops.post(f"/ops/conversations/{chat.public_id}/join/")
    ops.post(f"/ops/conversations/{chat.public_id}/send/", {"text": "Borderless here: please send a photo."})
    assert list(Message.objects.values_list("side", flat=True)) == ["buyer", "operator"]
    assert "operator-joined" in buyer.get(f"/messages/{chat.public_id}/").content.decode()
