"""Brand protection tests run the task queue in immediate mode: a brand change re-screens in the caller."""

import pytest
from huey.contrib.djhuey import HUEY


@pytest.fixture(autouse=True)
def immediate_queue():
    before = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = before
