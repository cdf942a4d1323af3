"""Double-entry ledger: accounts, balanced append-only transactions, holds (escrow), balances.

Callers use `borderless.ledger.services`; amounts go in and come out as `borderless.money.Money`.
"""
