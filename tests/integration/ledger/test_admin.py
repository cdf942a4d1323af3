"""Operators read the ledger in Django admin and cannot change it there."""

import pytest
from django.urls import reverse
from ledger_support import cny

from borderless.ledger.models import Account, Entry, Hold, Transaction
from borderless.ledger.services import create_hold, transfer
from factories import make_operator

pytestmark = pytest.mark.django_db


def test_admin_lists_the_ledger_read_only(client, clearing, escrow, refunds):
    txn = transfer("paid", clearing, escrow, cny("12.00"), memo="order paid")
    create_hold("hold", escrow, refunds, cny("2.00"))
    client.force_login(make_operator())
    for model in (Account, Transaction, Entry, Hold):
        opts = model._meta
        page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert page.status_code == 200
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    detail = client.get(reverse("admin:ledger_transaction_change", args=[txn.pk]))
    assert detail.status_code == 200 and b"order paid" in detail.content
    client.post(reverse("admin:ledger_transaction_change", args=[txn.pk]), {"memo": "rewritten"})
    client.post(reverse("admin:ledger_account_delete", args=[escrow.pk]), {"post": "yes"})
    assert Transaction.objects.get(pk=txn.pk).memo == "order paid"
    assert Account.objects.filter(pk=escrow.pk).exists()
