"""One outbox and event mechanism for the platform (docs/adr/0005-one-outbox-and-events-between-domains.md).

`publish(name, aggregate, payload)` writes an event in the caller's transaction; `@handler(name)` registers
what an interested domain does with it (in its `handlers` module, imported by its AppConfig.ready)."""

from borderless.events.bus import Event, handler, publish

__all__ = ["Event", "handler", "publish"]
