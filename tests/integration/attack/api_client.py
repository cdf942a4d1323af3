"""A bearer token header for a user of the world."""

from borderless.accounts.services import create_api_token


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user, 'attack')[1]}"}
