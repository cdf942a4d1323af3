"""Escrow release, seller balances, daily payouts and their statements."""
