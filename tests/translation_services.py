"""Local HTTP servers that speak DeepL's API v2 and Alibaba Cloud Machine Translation's RPC API, as their
documentation describes them, for the adapters' tests (the true system border: no test reaches the internet).

Each server keeps the requests it received and can be told to answer the next requests with an error
(`fail_next(429, retry_after=...)`, `fail_next(500)`, `fail_next("timeout", seconds=...)`). Its "engine"
writes the glossary's Chinese for the phrases it knows and keeps other words: enough to see that the text,
the order and the glossary travelled as the protocol says.
"""

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from collections import deque
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote

PORTS = range(8110, 8120)


def engine(text: str, glossary: dict[str, str]) -> str:
    for en in sorted(glossary, key=len, reverse=True):
        text = re.sub(rf"(?i)\b{re.escape(en)}\b", glossary[en], text)
    return text


class _Service:
    def __init__(self):
        self.requests: list[dict] = []
        self.failures: deque = deque()
        self.lock = threading.Lock()

    def fail_next(
        self, status, times: int = 1, retry_after: str | None = None, seconds: float = 0.0, body=None
    ):
        for _ in range(times):
            self.failures.append(
                {"status": status, "retry_after": retry_after, "seconds": seconds, "body": body}
            )

    def next_failure(self):
        with self.lock:
            return self.failures.popleft() if self.failures else None


class DeepLService(_Service):
    KEY = "test-key:fx"

    def __init__(self):
        super().__init__()
        self.glossaries: dict[str, dict] = {}

    def handle(self, method: str, path: str, headers, body: bytes):
        self.requests.append({"method": method, "path": path, "headers": dict(headers), "body": body})
        if headers.get("Authorization") != f"DeepL-Auth-Key {self.KEY}":
            return 403, {}, {"message": "Wrong endpoint or authentication key."}
        if method == "GET" and path == "/v2/glossaries":
            return 200, {}, {"glossaries": [self._info(g) for g in self.glossaries.values()]}
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return 400, {}, {"message": "Invalid JSON body."}
        if method == "POST" and path == "/v2/glossaries":
            if data.get("entries_format") != "tsv" or not data.get("name"):
                return 400, {}, {"message": "Missing or invalid glossary parameters."}
            entries = dict(line.split("\t", 1) for line in data["entries"].splitlines() if "\t" in line)
            glossary = {
                "glossary_id": str(uuid.uuid4()),
                "name": data["name"],
                "source_lang": data["source_lang"],
                "target_lang": data["target_lang"],
                "entries": entries,
            }
            self.glossaries[glossary["glossary_id"]] = glossary
            return 201, {}, self._info(glossary)
        if method == "POST" and path == "/v2/translate":
            texts = data.get("text")
            if not isinstance(texts, list) or not texts or len(texts) > 50 or not data.get("target_lang"):
                return 400, {}, {"message": "Parameter 'text' or 'target_lang' not specified."}
            glossary = {}
            if data.get("glossary_id"):
                if data["glossary_id"] not in self.glossaries or not data.get("source_lang"):
                    return 400, {}, {"message": "Invalid glossary_id or missing source_lang."}
                glossary = self.glossaries[data["glossary_id"]]["entries"]
            return (
                200,
                {},
                {
                    "translations": [
                        {"detected_source_language": "EN", "text": engine(t, glossary)} for t in texts
                    ]
                },
            )
        return 404, {}, {"message": "Not found."}

    @staticmethod
    def _info(g):
        return {
            "glossary_id": g["glossary_id"],
            "name": g["name"],
            "ready": True,
            "source_lang": g["source_lang"],
            "target_lang": g["target_lang"],
            "creation_time": "2026-12-01T10:00:00.000000+00:00",
            "entry_count": len(g["entries"]),
        }


def _percent(value: str) -> str:
    return quote(value, safe="~")


class AlibabaService(_Service):
    KEY_ID = "LTAItestkeyid"
    SECRET = "test-secret"

    def handle(self, method: str, path: str, headers, body: bytes):
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        self.requests.append({"method": method, "path": path, "headers": dict(headers), "params": params})
        rid = str(uuid.uuid4())
        if params.get("AccessKeyId") != self.KEY_ID:
            return (
                404,
                {},
                {
                    "RequestId": rid,
                    "Code": "InvalidAccessKeyId.NotFound",
                    "Message": "Specified access key is not found.",
                },
            )
        signed = {k: v for k, v in params.items() if k != "Signature"}
        canonical = "&".join(f"{_percent(k)}={_percent(v)}" for k, v in sorted(signed.items()))
        to_sign = f"{method}&%2F&{_percent(canonical)}"
        expected = base64.b64encode(
            hmac.new(f"{self.SECRET}&".encode(), to_sign.encode(), hashlib.sha1).digest()
        )
        if params.get("Signature") != expected.decode():
            return (
                400,
                {},
                {
                    "RequestId": rid,
                    "Code": "SignatureDoesNotMatch",
                    "Message": "Specified signature is not matched with our calculation.",
                },
            )
        required = (
            "Action",
            "Version",
            "FormatType",
            "SourceLanguage",
            "TargetLanguage",
            "SourceText",
            "Scene",
        )
        if any(not params.get(k) for k in required) or params["Action"] != "TranslateECommerce":
            return (
                400,
                {},
                {"RequestId": rid, "Code": "MissingParameter", "Message": "A required parameter is missing."},
            )
        if len(params["SourceText"]) > 5000:
            return 200, {}, {"RequestId": rid, "Code": "10008", "Message": "The text is too long."}
        text = params["SourceText"]
        return (
            200,
            {},
            {"RequestId": rid, "Code": "200", "Data": {"Translated": text, "WordCount": str(len(text))}},
        )


def _handler(service):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, method):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            failure = service.next_failure()
            if failure is not None:
                service.requests.append({"method": method, "path": self.path, "failed": failure["status"]})
                if failure["status"] == "timeout":
                    time.sleep(failure["seconds"])
                    return
                payload = failure["body"] or {
                    "message": "Too many requests" if failure["status"] == 429 else "Internal error"
                }
                self._send(
                    failure["status"],
                    {"Retry-After": failure["retry_after"]} if failure["retry_after"] else {},
                    payload,
                )
                return
            status, headers, payload = service.handle(method, self.path, self.headers, body)
            self._send(status, headers, payload)

        def _send(self, status, headers, payload):
            data = json.dumps(payload, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self):  # noqa: N802
            self._answer("GET")

        def do_POST(self):  # noqa: N802
            self._answer("POST")

    return Handler


@contextmanager
def serving(service):
    """The service on a local port (8110-8119, the first free one); yields its base URL."""
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(service))
            break
        except OSError:
            continue
    if server is None:
        raise RuntimeError("No free port in 8110-8119 for the local translation service.")
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
