"""Sellers, buyers and operators, each with an API client holding their bearer token."""

import pytest
from api_support import ApiClient, token_for

from factories import make_buyer, make_operator, make_seller, owner_of


@pytest.fixture
def anon():
    return ApiClient()


@pytest.fixture
def seller(db):
    return make_seller(state="VT")


@pytest.fixture
def seller_api(seller):
    return ApiClient(token_for(owner_of(seller)))


@pytest.fixture
def other_seller(db):
    return make_seller(state="WI")


@pytest.fixture
def other_seller_api(other_seller):
    return ApiClient(token_for(owner_of(other_seller)))


@pytest.fixture
def buyer(db):
    return make_buyer()


@pytest.fixture
def buyer_api(buyer):
    return ApiClient(token_for(buyer))


@pytest.fixture
def operator(db):
    return make_operator()


@pytest.fixture
def operator_api(operator):
    return ApiClient(token_for(operator))
