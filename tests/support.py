"""Helpers shared by the suites (importable as `support`: the tests directory is on the path)."""

import os

import pytest

CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def service_missing(what: str) -> None:
    """Fail under CI, skip elsewhere, with a message that says what to start."""
    message = f"{what} is not available"
    if CI:
        pytest.fail(f"{message}, and CI=true makes it mandatory.", pytrace=False)
    pytest.skip(f"{message}: start it to run this test.")
