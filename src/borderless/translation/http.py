"""HTTP for the translation services: timeouts, a request rate limit, and short retries of what may pass.

A rate-limited (429) or failing (5xx, timeout) request is retried a few times with a short backoff; a
longer wait the service asks for (Retry-After) is not slept through here: the error reaches the caller
with `retry_after`, and the listing's task is scheduled again that much later.
"""

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from borderless.translation.providers import ProviderBusy, ProviderUnavailable, TranslationError

MAX_SLEEP = 2.0  # seconds: the longest pause inside one attempt of the task


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


def retry_after_seconds(value: str | None) -> float | None:
    try:
        return max(float(value), 0.0) if value else None
    except ValueError:
        return None  # an HTTP date: the task's own backoff applies


@dataclass
class HttpClient:
    service: str  # named in messages to the seller: "DeepL", "Alibaba Cloud Machine Translation"
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    requests_per_second: float = 5.0
    sleep: Callable[[float], None] = time.sleep
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _next_at: float = field(default=0.0, repr=False)

    def _throttle(self) -> None:
        if self.requests_per_second <= 0:
            return
        with self._lock:
            now = time.monotonic()
            wait = self._next_at - now
            self._next_at = max(now, self._next_at) + 1.0 / self.requests_per_second
        if wait > 0:
            self.sleep(wait)

    def post(
        self,
        url: str,
        body: bytes | Callable[[], bytes] | None,
        headers: Mapping[str, str],
        method: str = "POST",
        check: Callable[[Response], TranslationError | None] | None = None,
    ) -> Response:
        """The service's answer for any status below 500 other than 429 (the adapter reads the others);
        ProviderBusy or ProviderUnavailable when retries did not help. `body` may be a function, called for
        each attempt (a signed request signs each anew); `check` may name an error in an answer that
        looks fine (a service that reports throttling in its JSON), which is retried as a 429 is."""
        error: TranslationError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                pause = self.backoff * 2 ** (attempt - 1)
                if error is not None and error.retry_after is not None:
                    if error.retry_after > MAX_SLEEP:
                        raise error
                    pause = max(pause, error.retry_after)
                self.sleep(min(pause, MAX_SLEEP))
            self._throttle()
            data = body() if callable(body) else body
            request = urllib.request.Request(url, data=data, headers=dict(headers), method=method)  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                    response = Response(answer.status, dict(answer.headers), answer.read())
            except urllib.error.HTTPError as exc:
                response = Response(exc.code, dict(exc.headers or {}), exc.read() or b"")
            except TimeoutError:
                error = ProviderUnavailable(f"{self.service} did not answer within {self.timeout:g} s")
                continue
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    error = ProviderUnavailable(f"{self.service} did not answer within {self.timeout:g} s")
                else:
                    error = ProviderUnavailable(f"{self.service} could not be reached ({reason})")
                continue
            if response.status == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                error = ProviderBusy(f"{self.service} is rate limiting requests (HTTP 429)", retry_after=wait)
                continue
            if response.status >= 500:
                error = ProviderUnavailable(f"{self.service} failed (HTTP {response.status})")
                continue
            if check is not None and (found := check(response)) is not None:
                error = found
                if not found.retryable:
                    raise found
                continue
            return response
        assert error is not None
        raise error
