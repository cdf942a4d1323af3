"""The seller centre's payout account and the operators' list of blocked accounts, with Stripe Connect."""

import pytest
from connect_support import released_orders
from stripe_support import StripeDriver

from borderless.payouts import services as payouts
from factories import make_operator, make_seller, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(stripe_settings, local_stripe):
    stripe_settings.PAYOUT_PROVIDER = "stripe_connect"
    return StripeDriver(stripe_settings, local_stripe)


def test_a_seller_onboards_from_the_seller_centre_and_sees_the_account_ready(driver, local_stripe, client):
    seller = make_seller()
    client.force_login(owner_of(seller))

    before = client.get("/seller/payout-account/").content.decode()
    assert 'data-status="none"' in before and "Set up payouts with Stripe" in before
    leave = client.post("/seller/payout-account/start/").content.decode()
    (link_id,) = local_stripe.state.account_links
    assert f"{local_stripe.url}/_test/connect/{link_id}" in leave
    half = client.get("/seller/payout-account/").content.decode()
    assert (
        'data-status="blocked"' in half
        and "external_account" in half
        and "Onboarding is not finished" in half
    )

    local_stripe.complete_onboarding(local_stripe.state.account_links[link_id]["account"])
    back = client.get("/seller/payout-account/return/", follow=True).content.decode()

    assert "Your payout account is ready" in back and 'data-status="enabled"' in back


def test_a_restricted_account_is_shown_blocked_to_the_seller_and_the_operators(driver, local_stripe, client):
    (release,) = released_orders(driver)
    seller = release.seller
    client.force_login(owner_of(seller))
    client.post("/seller/payout-account/start/")
    (link,) = local_stripe.state.account_links.values()
    local_stripe.complete_onboarding(link["account"])
    local_stripe.restrict(link["account"])

    (refused,) = payouts.run_payouts()

    page = client.get("/seller/payout-account/").content.decode()
    assert 'data-status="blocked"' in page and "requirements.past_due" in page
    assert "individual.verification.document (past due)" in page
    assert refused.failure in page.replace("&#x27;", "'")
    orders_page = client.get("/seller/orders/").content.decode()
    assert "requirements.past_due" in orders_page
    client.force_login(make_operator())
    ops = client.get("/ops/payout-accounts/").content.decode()
    assert f'data-seller="{seller.public_id}"' in ops and "individual.verification.document" in ops


def test_the_pages_do_not_exist_with_a_rail_that_does_not_onboard(settings, client):
    settings.PAYOUT_PROVIDER = "sandbox_bank"
    seller = make_seller()
    client.force_login(owner_of(seller))
    assert client.get("/seller/payout-account/").status_code == 404
