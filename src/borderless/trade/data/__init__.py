"""Versioned tariff, rule and rate-card data files (a package so that they ship in the wheel)."""
