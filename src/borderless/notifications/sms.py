"""Sending SMS through a gateway: a template code and its parameters, with a per-request idempotency key.

Real gateways (Aliyun, Tencent Cloud) take a sign name, a template code approved in advance, the template's
parameters and an id of the caller's own (OutId, SessionContext) that they deduplicate on; `SmsGateway` is
that shape. The sandbox (the default, SMS_PROVIDER=sandbox) sends nothing: it records what it would send,
once per idempotency key, in VAR_DIR/sms/sandbox.jsonl, outside the database's transactions, as a real
gateway's record would be.
"""

from __future__ import annotations

import fcntl
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class SmsRequest:
    phone: str  # 11 digits, mainland China
    template: str  # the gateway's template code
    params: dict  # the template's parameters
    idempotency_key: str  # the same on every retry of one notice
    sign_name: str = "Borderless"


class SmsGateway(Protocol):
    name: str

    def send(self, request: SmsRequest) -> str:
        """Send the message (once per idempotency key); the gateway's message id. Raises to be retried."""


class SandboxSms:
    """Records what it would send, once per idempotency key; answers the first id again for a retry."""

    name = "sandbox"

    def __init__(self, path: Path | None = None):
        self.path = path or Path(settings.VAR_DIR) / "sms" / "sandbox.jsonl"

    def send(self, request: SmsRequest) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a+", encoding="utf-8") as file:
            fcntl.flock(file, fcntl.LOCK_EX)  # two workers retrying one notice: one record
            file.seek(0)
            for line in file:
                record = json.loads(line)
                if record["idempotency_key"] == request.idempotency_key:
                    return record["message_id"]
            message_id = f"sandbox-{uuid.uuid4().hex[:16]}"
            record = {
                "message_id": message_id,
                "phone": request.phone,
                "sign_name": request.sign_name,
                "template": request.template,
                "params": request.params,
                "idempotency_key": request.idempotency_key,
                "at": timezone.now().isoformat(),
            }
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
            file.flush()
            return message_id

    def sent(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line]


def gateway() -> SmsGateway:
    provider = getattr(settings, "SMS_PROVIDER", "sandbox")
    if provider == "sandbox":
        return SandboxSms()
    raise RuntimeError(f"No SMS gateway adapter for SMS_PROVIDER={provider!r}; only 'sandbox' is built in.")
