"""A bearer token header for a user: the API as a client calls it."""

from borderless.accounts.services import create_api_token


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user, 'test')[1]}"}
