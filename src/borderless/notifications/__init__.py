"""Notices to buyers and sellers: an in-site inbox, e-mail and SMS, each fact told once per recipient and
channel, sent through the outbox (docs/adr/1350-notices-once-per-fact-recipient-and-channel.md)."""
