"""borderless.rows: plain-SQL inserts and reads that give what the ORM gives, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from borderless.accounts.models import Membership, Seller, User
from borderless.rows import Table, insert, insert_family, link, make_all
from factories import make_buyer

pytestmark = pytest.mark.django_db

DETAILS = {
    "display_name": "Rows Farm",
    "state": "VT",
    "city": "Burlington",
    "business_type": "farm",
    "employee_band": "2-9",
    "revenue_band": "lt100k",
    "year_founded": 1990,
}


def _seller(n: int) -> Seller:
    return Seller(legal_name=f"Rows Farm {n} LLC", **DETAILS)


def test_insert_family_writes_parents_and_children_and_links_them():
    users = [make_buyer() for _ in range(3)]
    sellers = [_seller(1), _seller(2)]
    members = [
        Membership(seller=sellers[0], user=users[0], role="owner"),
        Membership(seller=sellers[1], user=users[1], role="owner"),
        Membership(seller=sellers[1], user=users[2], role="staff"),
    ]
    also = (f"UPDATE {User._meta.db_table} SET full_name = %s WHERE id = %s", ["Renamed", users[2].pk])
    with CaptureQueriesContext(connection) as q:
        insert_family(sellers, [(members, "seller")], also=also)
    assert len(q.captured_queries) == (1 if connection.vendor == "postgresql" else 3)
    assert all(s.pk and not s._state.adding for s in sellers)
    assert [m.seller_id for m in members] == [sellers[0].pk, sellers[1].pk, sellers[1].pk]
    stored = Membership.objects.order_by("user_id").values_list("seller__legal_name", "user_id", "role")
    assert list(stored.filter(user__in=users)) == [
        ("Rows Farm 1 LLC", users[0].pk, "owner"),
        ("Rows Farm 2 LLC", users[1].pk, "owner"),
        ("Rows Farm 2 LLC", users[2].pk, "staff"),
    ]
    assert Seller.objects.get(pk=sellers[1].pk).year_founded == 1990
    assert sellers[0].pk < sellers[1].pk  # ids in the order of the instances, parents and children alike
    by_id = Membership.objects.filter(user__in=users).order_by("id").values_list("user_id", flat=True)
    assert list(by_id) == [u.pk for u in users]
    assert User.objects.get(pk=users[2].pk).full_name == "Renamed"


def test_a_child_that_breaks_a_constraint_takes_its_parents_with_it():
    user = make_buyer()
    sellers = [_seller(3), _seller(4)]
    members = [Membership(seller=s, user=user, role="owner") for s in sellers]  # one membership per user
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_family(sellers, [(members, "seller")])
    assert not Seller.objects.filter(legal_name__startswith="Rows Farm").exists()
    assert not Membership.objects.filter(user=user).exists()


def test_insert_sets_primary_keys_and_keeps_values_as_the_orm_reads_them():
    at = datetime(2026, 12, 4, 16, 0, 0, 123456, tzinfo=UTC)
    sellers = [_seller(5), _seller(6)]
    sellers[1].created_at = at
    insert(sellers)
    assert sellers[0].pk < sellers[1].pk
    assert Seller.objects.get(pk=sellers[1].pk).created_at == at
    assert Seller.objects.get(pk=sellers[0].pk).public_id == sellers[0].public_id


def test_a_table_read_makes_instances_and_caches_their_relations():
    user = make_buyer()
    seller = _seller(7)
    insert_family([seller], [([Membership(seller=seller, user=user, role="owner")], "seller")])
    tables = Table(Membership, "m"), Table(Seller, "s")
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {tables[0].columns(connection)}, {tables[1].columns(connection)} FROM "  # noqa: S608
        f"{quote(tables[0].name)} m JOIN {quote(tables[1].name)} s ON s.id = m.seller_id WHERE m.user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        row = cursor.fetchone()
    membership, made_seller = make_all(row, connection, *tables)
    link(membership, "seller", made_seller)
    with CaptureQueriesContext(connection) as q:
        assert membership.seller.public_id == seller.public_id
        assert membership.seller.created_at == Seller.objects.get(pk=seller.pk).created_at
    assert len(q.captured_queries) == 1  # the comparison's own read; the seller came with the row
    assert membership._state.adding is False and membership.role == "owner"
