"""Races with real threads and connections (truly at once on PostgreSQL): one conversation however many
times a buyer opens it at once, and the seller's first response counted once."""

import threading

import pytest
from django.db import connection, connections

from borderless.conversations import services
from borderless.conversations.models import Conversation, Message
from factories import make_buyer, make_product, make_seller, owner_of, staff_of


def _at_once(calls) -> list:
    barrier = threading.Barrier(len(calls))
    turn = threading.Lock() if connection.vendor == "sqlite" else None  # SQLite: the threads take turns
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=30)
            if turn is None:
                results[i] = call()
            else:
                with turn:
                    results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_a_buyer_opening_the_same_question_at_once_gets_one_conversation():
    seller = make_seller()
    product, buyer = make_product(seller), make_buyer()
    results = _at_once([lambda: services.open_about_product(buyer, product.public_id)] * 8)
    assert all(isinstance(r, Conversation) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Conversation.objects.filter(buyer=buyer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_members_answering_at_once_count_one_first_response():
    seller = make_seller()
    members = [owner_of(seller)] + [staff_of(seller) for _ in range(4)]
    buyer = make_buyer()
    chat = services.open_about_product(buyer, make_product(seller).public_id)
    services.post_message(buyer, chat.public_id, "有货吗？")
    results = _at_once([lambda m=m: services.post_message(m, chat.public_id, "Yes.") for m in members])
    assert all(isinstance(r, services.Posted) for r in results), results
    chat.refresh_from_db()
    first_answer = Message.objects.filter(conversation=chat, side="seller").order_by("created_at").first()
    question = Message.objects.get(conversation=chat, side="buyer")
    assert Message.objects.filter(conversation=chat).count() == 6
    assert chat.first_response_seconds == int((first_answer.created_at - question.created_at).total_seconds())
