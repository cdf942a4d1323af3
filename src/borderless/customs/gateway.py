"""The customs gateway interface: what the platform asks of China's single window (or an agent's link to it).

A gateway takes one message at a time, identified by its guid: sending the same guid again is the same
message (a retry never declares twice). Its answers come back later as receipts, through
`customs.receipts.receive`, in any order and possibly twice.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings


class CustomsGateway(Protocol):
    name: str

    def submit(self, guid: str, kind: str, xml: bytes) -> None:
        """Hand the message over. Idempotent by guid. GatewayUnavailable to be tried again later."""


def get_gateway(name: str | None = None) -> CustomsGateway:
    name = name or settings.CUSTOMS_GATEWAY
    if name == "sandbox":
        from borderless.customs.sandbox import SandboxCustoms

        return SandboxCustoms()
    raise ValueError(f"No customs gateway {name!r} is built in (CUSTOMS_GATEWAY).")
