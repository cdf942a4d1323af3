"""The bearer-token look-up in plain SQL (borderless.rows): the same user, related objects and refusals as
the queryset it replaced, in one statement."""

from datetime import timedelta

import pytest
from api_support import token_for
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from borderless.accounts.models import ApiToken, Membership
from borderless.accounts.services import revoke_api_token, user_for_token
from factories import owner_of

pytestmark = pytest.mark.django_db


def _fresh() -> None:
    """Mark the token used just now, so that the look-up has no last-used time to write."""
    ApiToken.objects.update(last_used_at=timezone.now())


def test_a_sellers_token_gives_the_user_with_membership_and_seller_in_one_statement(seller):
    owner = owner_of(seller)
    token = token_for(owner)
    _fresh()
    with CaptureQueriesContext(connection) as q:
        user = user_for_token(token)
        assert user.membership.seller.public_id == seller.public_id
        assert user.membership.seller.display_name == seller.display_name
        assert user.membership.user is user
    assert len(q.captured_queries) == 1
    assert (user.pk, user.email, user.role) == (owner.pk, owner.email, owner.role)
    assert user.public_id == owner.public_id
    assert user.date_joined == owner.date_joined and user.is_authenticated and user.is_active


def test_a_buyers_token_gives_a_user_known_to_have_no_membership(buyer):
    token = token_for(buyer)
    _fresh()
    with CaptureQueriesContext(connection) as q:
        user = user_for_token(token)
        with pytest.raises(Membership.DoesNotExist):
            user.membership  # noqa: B018 (cached as absent: no second query)
        assert not hasattr(user, "membership")
    assert len(q.captured_queries) == 1
    assert user.pk == buyer.pk and user.is_buyer


def test_revoked_tokens_inactive_users_and_made_up_tokens_give_nobody(buyer):
    token = token_for(buyer)
    assert user_for_token(token) == buyer
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])
    assert user_for_token(token) is None
    buyer.is_active = True
    buyer.save(update_fields=["is_active"])
    revoke_api_token(buyer, ApiToken.objects.get(user=buyer).public_id)
    assert user_for_token(token) is None
    assert user_for_token("bl_" + "x" * 40) is None
    assert user_for_token("not-a-token") is None


def test_last_used_is_written_at_most_every_five_minutes(buyer):
    token = token_for(buyer)
    ApiToken.objects.update(last_used_at=None)
    user_for_token(token)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    user_for_token(token)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=6))
    user_for_token(token)
    assert ApiToken.objects.get().last_used_at > first - timedelta(minutes=6)


def test_a_refused_token_is_not_marked_used(buyer):
    token = token_for(buyer)
    ApiToken.objects.update(last_used_at=None)
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])
    assert user_for_token(token) is None
    assert ApiToken.objects.get().last_used_at is None
    buyer.is_active = True
    buyer.save(update_fields=["is_active"])
    revoke_api_token(buyer, ApiToken.objects.get(user=buyer).public_id)
    assert user_for_token(token) is None
    assert ApiToken.objects.get().last_used_at is None


def test_on_postgresql_the_look_up_is_prepared_once_per_connection(buyer, on_postgres):
    """Server-side binding with a prepare threshold (settings): PostgreSQL plans the hot statement once."""
    token = token_for(buyer)
    for _ in range(3):
        assert user_for_token(token) == buyer
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%token_hash = $%"]
        )
        assert cursor.fetchone()[0] == 1
