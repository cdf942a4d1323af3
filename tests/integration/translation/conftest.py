import pytest
from huey.contrib.djhuey import HUEY


@pytest.fixture
def worker(settings, tmp_path, django_capture_on_commit_callbacks):
    """The task queue in immediate mode: a task queued when a save commits runs then, as a worker would.
    Use `with worker():` around the saves whose queued work should run."""
    settings.VAR_DIR = tmp_path / "var"
    before = HUEY.immediate
    HUEY.immediate = True

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    yield run
    HUEY.immediate = before
