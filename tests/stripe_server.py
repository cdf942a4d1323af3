"""A local HTTP server speaking the part of Stripe's API the adapters use, for tests without the internet.

It follows Stripe's documented behaviour where the platform relies on it:
- form-encoded requests (`metadata[key]=…`, `payment_method_types[0]=…`), JSON answers with `object` fields;
- `Authorization: Bearer <secret key>`; an unknown key answers 401;
- errors as `{"error": {"type", "code", "message", ...}}`: card_declined (402), rate_limit (429),
  idempotency_key_in_use (409, a key whose first request is still running), idempotency_error (400, a key
  reused with other parameters), amount_too_large (400, a refund above what is left to refund), 500;
- `Idempotency-Key`: the first answer to a POST is stored and replayed (`Idempotent-Replayed: true`);
- PaymentIntents (create, retrieve, confirm, cancel) with card, alipay (next_action alipay_handle_redirect)
  and wechat_pay (next_action wechat_pay_display_qr_code); test-mode pages where the payer authorizes or
  fails the payment (Alipay's redirect page, the page the WeChat app opens after scanning the QR code);
- Refunds, balance transactions (`created[gte]`, `created[lt]`, `expand[]=data.source`, pagination);
- Events, signed as Stripe signs them (`Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.payload">`, one v1
  per active secret) and POSTed to the webhook endpoint if one is set, in the order they happened.

Faults are injected per path prefix: `fail_next("/v1/payment_intents", "500" | "429" | "drop" | "timeout")`.
"drop" closes the connection without an answer (the client sees an api_connection_error); "timeout" does
the work, then answers too late for the client's timeout (its retry with the same key gets the stored answer).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import html
import itertools
import json
import queue
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

API_KEY = "sk_test_local_" + "0" * 24
WEBHOOK_SECRET = "whsec_local_" + "1" * 32
PAYMENT_METHOD_TYPES = {"card", "alipay", "wechat_pay"}
TEST_CARDS = {"pm_card_visa": None, "pm_card_chargeDeclined": "generic_decline"}


class StripeError(Exception):
    def __init__(self, status: int, type_: str, message: str, code: str | None = None, **extra) -> None:
        super().__init__(message)
        self.status, self.body = status, {"error": {"type": type_, "message": message, **extra}}
        if code:
            self.body["error"]["code"] = code


def nested(pairs: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding: `a[b][0]=x` → {"a": {"b": ["x"]}} (lists for numeric keys and `[]`)."""
    root: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if last:
                if part == "[]":
                    node.setdefault("__list__", []).append(value)
                else:
                    node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if not isinstance(node, dict):
        return node
    if "__list__" in node:
        return node["__list__"]
    if node and all(k.isdigit() for k in node):
        return [_lists(node[k]) for k in sorted(node, key=int)]
    return {k: _lists(v) for k, v in node.items()}


def _int(value, name: str) -> int:
    if value is None or not re.fullmatch(r"\d{1,12}", str(value)):
        raise StripeError(
            400, "invalid_request_error", f"Invalid integer: {value}", "parameter_invalid_integer", param=name
        )
    return int(value)


def _requirements(due: list[str], disabled_reason: str | None, past_due: list[str] | None = None) -> dict:
    return {
        "currently_due": due,
        "eventually_due": due,
        "past_due": past_due or [],
        "pending_verification": [],
        "disabled_reason": disabled_reason,
        "current_deadline": None,
        "errors": [],
    }


class StripeState:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.lock = threading.RLock()
        self.ids = itertools.count(1)
        self.intents: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.balance_transactions: list[dict] = []
        self.events: list[dict] = []
        self.idempotency: dict[str, dict] = {}
        self.in_flight: set[str] = set()
        self.faults: list[tuple[str, str]] = []
        self.accounts: dict[str, dict] = {}
        self.account_links: dict[str, dict] = {}
        self.transfers: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict, str | None]] = []  # method, path, params, idempotency key
        self.clock = None  # a callable giving unix time, for balance transactions of another day

    def now(self) -> int:
        return int(self.clock() if self.clock else time.time())

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.ids):06d}{secrets.token_hex(6)}"


class LocalStripe:
    """Start with `LocalStripe().start()`; `url` is the api base; `stop()` when done."""

    def __init__(self, api_key: str = API_KEY, webhook_secrets: list[str] | None = None) -> None:
        self.api_key = api_key
        self.webhook_secrets = webhook_secrets or [WEBHOOK_SECRET]
        self.webhook_url: str | None = None
        self.timeout_seconds = 3.0  # how long a "timeout" fault holds the answer back
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.state = StripeState(self.url)
        self._deliveries: queue.Queue = queue.Queue()
        self.delivered: list[tuple[str, int]] = []  # (event id, HTTP status of our endpoint)

    # --- lifecycle ---

    def start(self) -> LocalStripe:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        threading.Thread(target=self._deliver_loop, daemon=True).start()
        return self

    def stop(self) -> None:
        self._deliveries.put(None)
        self._server.shutdown()
        self._server.server_close()

    # --- test controls ---

    def fail_next(self, path_prefix: str, kind: str, times: int = 1) -> None:
        with self.state.lock:
            self.state.faults.extend([(path_prefix, kind)] * times)

    def requests_to(self, path_prefix: str, method: str = "POST") -> list[tuple[str, str, dict, str | None]]:
        return [r for r in self.state.requests if r[0] == method and r[1].startswith(path_prefix)]

    def events_of(self, type_: str) -> list[dict]:
        return [e for e in self.state.events if e["type"] == type_]

    def sign(self, payload: bytes, timestamp: int | None = None, secrets_: list[str] | None = None) -> str:
        t = int(time.time()) if timestamp is None else timestamp
        signed = f"{t}.".encode() + payload
        parts = [f"t={t}"] + [
            f"v1={hmac.new(s.encode(), signed, hashlib.sha256).hexdigest()}"
            for s in (secrets_ or self.webhook_secrets)
        ]
        return ",".join(parts)

    def event_body(self, event: dict) -> bytes:
        return json.dumps(event, indent=2).encode()  # Stripe sends pretty-printed JSON

    def authorize(self, intent_id: str, outcome: str = "succeeded") -> dict:
        """What the payer does on Alipay's page or in the WeChat app: authorize (or fail) the payment."""
        with self.state.lock:
            intent = self.state.intents[intent_id]
            if intent["status"] != "requires_action":
                raise StripeError(
                    400, "invalid_request_error", "This PaymentIntent is not awaiting the payer."
                )
            if outcome == "succeeded":
                self._succeed(intent)
            else:
                self._fail(
                    intent, "payment_method_provider_decline", "The payer did not authorize the payment."
                )
            return intent

    # --- the API ---

    def _handler_class(self):
        stripe = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

            def do_DELETE(self):
                self._dispatch("DELETE")

            def _dispatch(self, method: str) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                pairs = parse_qsl(raw if method == "POST" else split.query, keep_blank_values=True)
                params = nested(pairs)
                if split.path.startswith("/_test/"):
                    return self._test_page(method, split.path, params)
                key = self.headers.get("Idempotency-Key")
                stripe.state.requests.append((method, split.path, params, key))
                fault = stripe._take_fault(split.path)
                if fault == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "500":
                    return self._json(
                        500, {"error": {"type": "api_error", "message": "An unknown error occurred."}}
                    )
                if fault == "429":
                    body = {
                        "error": {
                            "type": "invalid_request_error",
                            "code": "rate_limit",
                            "message": "Request rate limit exceeded. Try again later.",
                        }
                    }
                    return self._json(429, body)
                auth = self.headers.get("Authorization", "")
                if auth != f"Bearer {stripe.api_key}":
                    return self._json(
                        401,
                        {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided."}},
                    )
                status, body, replayed = stripe._idempotent(method, split.path, params, key)
                if fault == "timeout":
                    time.sleep(stripe.timeout_seconds)
                    with contextlib.suppress(OSError):  # the client gave up waiting
                        self._json(status, body, replayed)
                    return
                self._json(status, body, replayed)

            def _json(self, status: int, body: dict, replayed: bool = False) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_{secrets.token_hex(8)}")
                if replayed:
                    self.send_header("Idempotent-Replayed", "true")
                if status == 500:
                    self.send_header("Stripe-Should-Retry", "true")
                self.end_headers()
                self.wfile.write(data)

            def _html(self, status: int, text: str, location: str | None = None) -> None:
                data = text.encode()
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _test_page(self, method: str, path: str, params: dict) -> None:
                if onboarding := re.fullmatch(r"/_test/connect/(acctlink_\w+)", path):
                    return self._onboarding(method, onboarding[1])
                match = re.fullmatch(r"/_test/(alipay|wechat)/(pi_\w+)", path)
                intent = match and stripe.state.intents.get(match[2])
                if not intent:
                    return self._html(404, "<h1>Unknown payment</h1>")
                if method == "POST":
                    outcome = "succeeded" if params.get("outcome") == "succeeded" else "failed"
                    try:
                        stripe.authorize(intent["id"], outcome)
                    except StripeError as exc:
                        return self._html(409, f"<p>{html.escape(str(exc))}</p>")
                    if match[1] == "alipay":
                        back = intent["next_action_return_url"]
                        sep = "&" if "?" in back else "?"
                        query = urlencode(
                            {
                                "payment_intent": intent["id"],
                                "payment_intent_client_secret": intent["client_secret"],
                                "redirect_status": outcome,
                            }
                        )
                        return self._html(303, "", f"{back}{sep}{query}")
                    return self._html(200, f"<h1 id='done'>WeChat Pay: {outcome}</h1>")
                amount = Decimal(intent["amount"]) / 100
                title = "Alipay test payment" if match[1] == "alipay" else "WeChat Pay test payment"
                return self._html(
                    200,
                    f"<!doctype html><title>{title}</title><h1>{title}</h1>"
                    f"<p id='amount'>¥{amount:.2f} {intent['currency'].upper()}</p>"
                    f"<form method='post'><button name='outcome' value='succeeded'>Authorize test payment"
                    f"</button><button name='outcome' value='failed'>Fail test payment</button></form>",
                )

            def _onboarding(self, method: str, link_id: str) -> None:
                link = stripe.state.account_links.get(link_id)
                if link is None or link["used"]:
                    return self._html(404, "<h1>This onboarding link has expired</h1>")
                if method == "POST":
                    link["used"] = True
                    stripe.complete_onboarding(link["account"])
                    return self._html(303, "", link["return_url"])
                return self._html(
                    200,
                    "<!doctype html><title>Stripe Express onboarding</title>"
                    "<h1>Stripe Express onboarding</h1>"
                    f"<p id='account'>{link['account']}</p><form method='post'><button>Complete onboarding"
                    "</button></form>",
                )

        return Handler

    # --- Connect: test controls ---

    def complete_onboarding(self, account_id: str) -> dict:
        """What the seller does on Stripe's onboarding pages: identity, bank account, tax form."""
        with self.state.lock:
            account = self.state.accounts[account_id]
            account.update(details_submitted=True, payouts_enabled=True, charges_enabled=True)
            account["capabilities"]["transfers"] = "active"
            account["requirements"] = _requirements([], None)
            self._event("account.updated", account)
            return account

    def restrict(
        self,
        account_id: str,
        disabled_reason: str = "requirements.past_due",
        past_due: tuple[str, ...] = ("individual.verification.document",),
    ) -> dict:
        """Stripe restricts the account (missing verification): payouts and transfers stop."""
        with self.state.lock:
            account = self.state.accounts[account_id]
            account.update(payouts_enabled=False)
            account["capabilities"]["transfers"] = "inactive"
            account["requirements"] = _requirements(list(past_due), disabled_reason, past_due=list(past_due))
            self._event("account.updated", account)
            return account

    def _take_fault(self, path: str) -> str | None:
        with self.state.lock:
            for i, (prefix, kind) in enumerate(self.state.faults):
                if path.startswith(prefix):
                    del self.state.faults[i]
                    return kind
        return None

    def _idempotent(self, method: str, path: str, params: dict, key: str | None):
        if method != "POST" or not key:
            return (*self._call(method, path, params), False)
        fingerprint = json.dumps([path, params], sort_keys=True)
        with self.state.lock:
            stored = self.state.idempotency.get(key)
            if stored is not None:
                if stored["fingerprint"] != fingerprint:
                    return (
                        400,
                        {
                            "error": {
                                "type": "idempotency_error",
                                "message": (
                                    "Keys for idempotent requests can only be used with the same parameters "
                                    f"they were first used with. Try using a key other than '{key}' if you "
                                    "meant to execute a different request."
                                ),
                            }
                        },
                        False,
                    )
                return stored["status"], stored["body"], True
            if key in self.state.in_flight:
                return (
                    409,
                    {
                        "error": {
                            "type": "invalid_request_error",
                            "code": "idempotency_key_in_use",
                            "message": "There is currently another in-progress request using this "
                            "Stripe API key and idempotency key.",
                        }
                    },
                    False,
                )
            self.state.in_flight.add(key)
        try:
            status, body = self._call(method, path, params)
            with self.state.lock:
                if status < 500:  # Stripe stores the first answer unless the server itself failed
                    self.state.idempotency[key] = {"fingerprint": fingerprint, "status": status, "body": body}
            return status, body, False
        finally:
            with self.state.lock:
                self.state.in_flight.discard(key)

    def _call(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        routes = [
            ("POST", r"/v1/payment_intents", self.create_intent),
            ("GET", r"/v1/payment_intents/(pi_\w+)", self.get_intent),
            ("POST", r"/v1/payment_intents/(pi_\w+)/confirm", self.confirm_intent),
            ("POST", r"/v1/payment_intents/(pi_\w+)/cancel", self.cancel_intent),
            ("POST", r"/v1/refunds", self.create_refund),
            ("GET", r"/v1/refunds/(re_\w+)", self.get_refund),
            ("GET", r"/v1/balance_transactions", self.list_balance_transactions),
            ("GET", r"/v1/events/(evt_\w+)", self.get_event),
            ("POST", r"/v1/accounts", self.create_account),
            ("GET", r"/v1/accounts/(acct_\w+)", self.get_account),
            ("POST", r"/v1/account_links", self.create_account_link),
            ("POST", r"/v1/transfers", self.create_transfer),
            ("GET", r"/v1/transfers", self.list_transfers),
            ("GET", r"/v1/transfers/(tr_\w+)", self.get_transfer),
        ]
        try:
            for verb, pattern, fn in routes:
                if verb == method and (m := re.fullmatch(pattern, path)):
                    with self.state.lock:
                        return 200, fn(params, *m.groups())
            raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")
        except StripeError as exc:
            return exc.status, exc.body

    # --- PaymentIntents ---

    def create_intent(self, params: dict) -> dict:
        amount = _int(params.get("amount"), "amount")
        currency = str(params.get("currency", "")).lower()
        if amount < 1 or currency != "cny":
            raise StripeError(
                400,
                "invalid_request_error",
                "amount must be positive; currency cny here.",
                "parameter_invalid_integer",
                param="amount",
            )
        types = params.get("payment_method_types") or ["card"]
        if not set(types) <= PAYMENT_METHOD_TYPES:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Invalid payment_method_types: {types}",
                "payment_method_type_invalid",
            )
        capture = params.get("capture_method", "automatic")
        if capture == "manual" and set(types) & {"alipay", "wechat_pay"}:
            raise StripeError(
                400,
                "invalid_request_error",
                "capture_method=manual is not supported by alipay or wechat_pay.",
                "payment_intent_invalid_parameter",
                param="capture_method",
            )
        metadata = params.get("metadata") or {}
        if len(metadata) > 50 or any(len(k) > 40 or len(v) > 500 for k, v in metadata.items()):
            raise StripeError(400, "invalid_request_error", "Invalid metadata.", "parameter_invalid_string")
        pi = self.state.new_id("pi")
        intent = {
            "id": pi,
            "object": "payment_intent",
            "amount": amount,
            "amount_received": 0,
            "currency": currency,
            "status": "requires_payment_method",
            "client_secret": f"{pi}_secret_{secrets.token_hex(8)}",
            "capture_method": capture,
            "payment_method_types": types,
            "metadata": metadata,
            "description": params.get("description"),
            "created": self.state.now(),
            "livemode": False,
            "latest_charge": None,
            "next_action": None,
            "payment_method": None,
            "last_payment_error": None,
        }
        self.state.intents[pi] = intent
        self._event("payment_intent.created", intent)
        return self._public(intent)

    def get_intent(self, params: dict, pi: str) -> dict:
        return self._public(self._intent(pi))

    def _intent(self, pi: str) -> dict:
        if pi not in self.state.intents:
            raise StripeError(
                404,
                "invalid_request_error",
                f"No such payment_intent: '{pi}'",
                "resource_missing",
                param="intent",
            )
        return self.state.intents[pi]

    def _public(self, intent: dict) -> dict:
        return {k: v for k, v in intent.items() if not k.startswith("next_action_")}

    def confirm_intent(self, params: dict, pi: str) -> dict:
        intent = self._intent(pi)
        if intent["status"] not in ("requires_payment_method", "requires_confirmation", "requires_action"):
            raise StripeError(
                400,
                "invalid_request_error",
                f"This PaymentIntent's status is {intent['status']}; it cannot be confirmed.",
                "payment_intent_unexpected_state",
            )
        method = params.get("payment_method")
        kind = (params.get("payment_method_data") or {}).get("type")
        if method in TEST_CARDS:
            kind = "card"
        if kind not in intent["payment_method_types"]:
            raise StripeError(
                400,
                "invalid_request_error",
                f"The payment method type {kind!r} is not allowed for this PaymentIntent.",
                "payment_intent_invalid_parameter",
                param="payment_method_data[type]",
            )
        intent["payment_method"] = self.state.new_id("pm")
        intent["payment_method_kind"] = kind
        intent["last_payment_error"] = None
        if kind == "card":
            if method not in TEST_CARDS:
                raise StripeError(
                    400,
                    "invalid_request_error",
                    "Use a test card: pm_card_visa, pm_card_chargeDeclined.",
                    "resource_missing",
                    param="payment_method",
                )
            if TEST_CARDS[method]:
                self._fail(intent, "card_declined", "Your card was declined.")
                raise StripeError(
                    402,
                    "card_error",
                    "Your card was declined.",
                    "card_declined",
                    decline_code=TEST_CARDS[method],
                    payment_intent=self._public(intent),
                )
            self._succeed(intent)
            return self._public(intent)
        return_url = params.get("return_url")
        if kind == "alipay":
            if not return_url:
                raise StripeError(
                    400,
                    "invalid_request_error",
                    "A return_url is required for alipay.",
                    "parameter_missing",
                    param="return_url",
                )
            url = f"{self.url}/_test/alipay/{pi}"
            intent["next_action_return_url"] = return_url
            intent["next_action"] = {
                "type": "alipay_handle_redirect",
                "alipay_handle_redirect": {
                    "native_data": None,
                    "native_url": None,
                    "return_url": return_url,
                    "url": url,
                },
            }
        else:
            client = ((params.get("payment_method_options") or {}).get("wechat_pay") or {}).get("client")
            if client not in ("web", "ios", "android"):
                raise StripeError(
                    400,
                    "invalid_request_error",
                    "payment_method_options[wechat_pay][client] is required.",
                    "parameter_missing",
                    param="payment_method_options[wechat_pay][client]",
                )
            data = f"weixin://wxpay/bizpayurl?pr={pi}"
            svg = (
                f"<svg xmlns='http://www.w3.org/2000/svg' width='160' height='160'><rect width='160' "
                f"height='160' fill='white'/><text x='8' y='84' font-size='10'>{pi}</text></svg>"
            )
            intent["next_action"] = {
                "type": "wechat_pay_display_qr_code",
                "wechat_pay_display_qr_code": {
                    "data": data,
                    "hosted_instructions_url": f"{self.url}/_test/wechat/{pi}",
                    "image_data_url": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                    "image_url_png": f"{self.url}/_test/qr/{pi}.png",
                    "image_url_svg": f"{self.url}/_test/qr/{pi}.svg",
                },
            }
        intent["status"] = "requires_action"
        self._event("payment_intent.requires_action", intent)
        return self._public(intent)

    def cancel_intent(self, params: dict, pi: str) -> dict:
        intent = self._intent(pi)
        if intent["status"] in ("succeeded", "canceled"):
            raise StripeError(
                400,
                "invalid_request_error",
                f"You cannot cancel this PaymentIntent because it has a status of {intent['status']}.",
                "payment_intent_unexpected_state",
            )
        intent["status"], intent["next_action"] = "canceled", None
        intent["cancellation_reason"] = params.get("cancellation_reason", "requested_by_customer")
        self._event("payment_intent.canceled", intent)
        return self._public(intent)

    def _succeed(self, intent: dict) -> None:
        ch = self.state.new_id("ch")
        txn = self.state.new_id("txn")
        charge = {
            "id": ch,
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount"],
            "amount_refunded": 0,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "metadata": dict(intent["metadata"]),
            "status": "succeeded",
            "paid": True,
            "captured": True,
            "refunded": False,
            "balance_transaction": txn,
            "created": self.state.now(),
            "payment_method_details": {"type": intent.get("payment_method_kind", "card")},
        }
        self.state.charges[ch] = charge
        intent.update(
            status="succeeded", amount_received=intent["amount"], latest_charge=ch, next_action=None
        )
        self._balance(txn, "charge", ch, intent["amount"], intent["currency"])
        self._event("charge.succeeded", charge)
        self._event("payment_intent.succeeded", intent)

    def _fail(self, intent: dict, code: str, message: str) -> None:
        intent.update(status="requires_payment_method", next_action=None)
        intent["last_payment_error"] = {"type": "card_error", "code": code, "message": message}
        self._event("payment_intent.payment_failed", intent)

    def _balance(self, txn: str, type_: str, source: str, amount: int, currency: str) -> None:
        # The platform's balance is in its settlement currency; the source object keeps the charge's amount.
        self.state.balance_transactions.append(
            {
                "id": txn,
                "object": "balance_transaction",
                "type": type_,
                "source": source,
                "amount": amount,
                "currency": currency,
                "net": amount,
                "fee": 0,
                "created": self.state.now(),
                "status": "pending",
                "reporting_category": "charge" if type_ == "charge" else "refund",
            }
        )

    # --- Refunds ---

    def create_refund(self, params: dict) -> dict:
        intent = self._intent(params.get("payment_intent", ""))
        charge = self.state.charges.get(intent["latest_charge"] or "")
        if charge is None:
            raise StripeError(
                400,
                "invalid_request_error",
                "This PaymentIntent has no successful charge.",
                "charge_not_refundable",
            )
        left = charge["amount_captured"] - charge["amount_refunded"]
        amount = _int(params["amount"], "amount") if "amount" in params else left
        if left == 0:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Charge {charge['id']} has already been refunded.",
                "charge_already_refunded",
            )
        if amount < 1 or amount > left:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                "amount_too_large",
                param="amount",
            )
        re_id, txn = self.state.new_id("re"), self.state.new_id("txn")
        refund = {
            "id": re_id,
            "object": "refund",
            "amount": amount,
            "currency": charge["currency"],
            "charge": charge["id"],
            "payment_intent": intent["id"],
            "metadata": params.get("metadata") or {},
            "status": "succeeded",
            "balance_transaction": txn,
            "created": self.state.now(),
            "reason": params.get("reason"),
        }
        self.state.refunds[re_id] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount_captured"]
        self._balance(txn, "refund", re_id, -amount, charge["currency"])
        self._event("refund.created", refund)
        self._event("charge.refunded", charge)
        return refund

    def get_refund(self, params: dict, re_id: str) -> dict:
        if re_id not in self.state.refunds:
            raise StripeError(404, "invalid_request_error", f"No such refund: '{re_id}'", "resource_missing")
        return self.state.refunds[re_id]

    # --- Balance transactions ---

    def list_balance_transactions(self, params: dict) -> dict:
        created = params.get("created") or {}
        rows = [
            t
            for t in self.state.balance_transactions
            if ("gte" not in created or t["created"] >= int(created["gte"]))
            and ("lt" not in created or t["created"] < int(created["lt"]))
            and ("type" not in params or t["type"] == params["type"])
        ]
        rows.sort(key=lambda t: t["id"], reverse=True)  # newest first, as Stripe lists
        if after := params.get("starting_after"):
            ids = [t["id"] for t in rows]
            rows = rows[ids.index(after) + 1 :] if after in ids else []
        limit = min(int(params.get("limit", 10)), 100)
        page, more = rows[:limit], len(rows) > limit
        expand = params.get("expand") or []
        if "data.source" in expand:
            page = [{**t, "source": self._source(t["source"])} for t in page]
        return {"object": "list", "url": "/v1/balance_transactions", "has_more": more, "data": page}

    def _source(self, source_id: str) -> dict:
        for objects in (self.state.charges, self.state.refunds, self.state.transfers):
            if source_id in objects:
                return objects[source_id]
        raise KeyError(source_id)

    # --- Connect ---

    def create_account(self, params: dict) -> dict:
        if params.get("type") not in ("express", "custom", "standard"):
            raise StripeError(
                400,
                "invalid_request_error",
                "type: express, custom or standard.",
                "parameter_invalid_empty",
                param="type",
            )
        acct = self.state.new_id("acct")
        due = [
            "business_type",
            "external_account",
            "individual.first_name",
            "individual.last_name",
            "individual.ssn_last_4",
            "tos_acceptance.date",
        ]
        account = {
            "id": acct,
            "object": "account",
            "type": params["type"],
            "country": params.get("country", "US"),
            "default_currency": "usd",
            "email": params.get("email"),
            "metadata": params.get("metadata") or {},
            "details_submitted": False,
            "charges_enabled": False,
            "payouts_enabled": False,
            "capabilities": {"transfers": "inactive"},
            "requirements": _requirements(due, "requirements.past_due"),
            "created": self.state.now(),
        }
        self.state.accounts[acct] = account
        return account

    def get_account(self, params: dict, acct: str) -> dict:
        if acct not in self.state.accounts:
            raise StripeError(404, "invalid_request_error", f"No such account: '{acct}'", "resource_missing")
        return self.state.accounts[acct]

    def create_account_link(self, params: dict) -> dict:
        account = self.get_account({}, params.get("account", ""))
        for name in ("refresh_url", "return_url"):
            if not params.get(name):
                raise StripeError(
                    400,
                    "invalid_request_error",
                    f"Missing required param: {name}.",
                    "parameter_missing",
                    param=name,
                )
        link_id = self.state.new_id("acctlink")
        self.state.account_links[link_id] = {"account": account["id"], "used": False, **params}
        return {
            "object": "account_link",
            "created": self.state.now(),
            "expires_at": self.state.now() + 300,
            "url": f"{self.url}/_test/connect/{link_id}",
        }

    def create_transfer(self, params: dict) -> dict:
        amount = _int(params.get("amount"), "amount")
        currency = str(params.get("currency", "")).lower()
        account = self.get_account({}, params.get("destination", ""))
        if currency != "usd" or amount < 1:
            raise StripeError(
                400,
                "invalid_request_error",
                "Transfers here are positive amounts in usd.",
                "parameter_invalid_integer",
                param="amount",
            )
        if account["capabilities"].get("transfers") != "active":
            raise StripeError(
                400,
                "invalid_request_error",
                "Your destination account needs to have at least one of the following capabilities "
                "enabled: transfers, crypto_transfers, legacy_payments",
                "insufficient_capabilities_for_transfer",
                param="destination",
            )
        tr, txn = self.state.new_id("tr"), self.state.new_id("txn")
        transfer = {
            "id": tr,
            "object": "transfer",
            "amount": amount,
            "currency": currency,
            "destination": account["id"],
            "transfer_group": params.get("transfer_group"),
            "metadata": params.get("metadata") or {},
            "balance_transaction": txn,
            "created": self.state.now(),
            "reversed": False,
            "amount_reversed": 0,
        }
        self.state.transfers[tr] = transfer
        self._balance(txn, "transfer", tr, -amount, currency)
        self._event("transfer.created", transfer)
        return transfer

    def list_transfers(self, params: dict) -> dict:
        rows = [
            t
            for t in self.state.transfers.values()
            if not params.get("transfer_group") or t["transfer_group"] == params["transfer_group"]
        ]
        rows.sort(key=lambda t: t["id"], reverse=True)
        return {"object": "list", "url": "/v1/transfers", "has_more": False, "data": rows[:100]}

    def get_transfer(self, params: dict, tr: str) -> dict:
        if tr not in self.state.transfers:
            raise StripeError(404, "invalid_request_error", f"No such transfer: '{tr}'", "resource_missing")
        return self.state.transfers[tr]

    # --- Events ---

    def get_event(self, params: dict, evt: str) -> dict:
        for e in self.state.events:
            if e["id"] == evt:
                return e
        raise StripeError(404, "invalid_request_error", f"No such event: '{evt}'", "resource_missing")

    def _event(self, type_: str, obj: dict) -> dict:
        event = {
            "id": self.state.new_id("evt"),
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "created": self.state.now(),
            "type": type_,
            "livemode": False,
            "pending_webhooks": 1,
            "data": {"object": json.loads(json.dumps(self._public(obj)))},
            "request": {"id": None},
        }
        self.state.events.append(event)
        if self.webhook_url:
            self._deliveries.put(event)
        return event

    def _deliver_loop(self) -> None:
        while (event := self._deliveries.get()) is not None:
            body = self.event_body(event)
            request = urllib.request.Request(  # noqa: S310 - the test's own live server
                self.webhook_url,
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json; charset=utf-8",
                    "Stripe-Signature": self.sign(body),
                },
            )
            status = 0
            for _ in range(5):
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError:
                    status = 0
                if 200 <= status < 300:
                    break
                time.sleep(0.5)
            self.delivered.append((event["id"], status))
