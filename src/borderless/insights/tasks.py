"""Background work of insights, on the Huey queue: reports are rendered here, never in a request.

insights.build_snapshot   on request   renders one asked-for report into its snapshot (the cache)
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from borderless.insights import services


@db_task(name="insights.build_snapshot")
def build_snapshot(snapshot_pk: int) -> None:
    services.build_snapshot(snapshot_pk)
