"""Fleet tests run the task queue in immediate mode unless they start real workers."""

import pytest
from huey.contrib.djhuey import HUEY


@pytest.fixture(autouse=True)
def immediate_queue(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    before = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = before
