"""Helpers of the ledger suites (importable as `ledger_support`: pytest puts this directory on the path)."""

from decimal import Decimal

from borderless.money import Money


def cny(amount: str) -> Money:
    return Money(Decimal(amount), "CNY")


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")
