"""Approximate US-dollar values of common currencies, for comparing pay per hour across
currencies: ordering postings by pay, and the pay figures of /stats/ (which disclose the
rates and their date). Never shown as a posting's price. Rates are rounded mid-2026
figures, frozen so that builds are reproducible; a currency not listed sorts after those
that are, and /stats/ counts it apart."""

from __future__ import annotations

RATES_AS_OF = "mid-2026"  # when the rates below were taken: /stats/ discloses it beside every converted figure

USD_PER_UNIT = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "AUD": 0.66, "NZD": 0.60, "CHF": 1.12,
    "JPY": 0.0067, "CNY": 0.14, "HKD": 0.128, "SGD": 0.74, "INR": 0.012, "KRW": 0.00073,
    "SEK": 0.095, "NOK": 0.094, "DKK": 0.145, "PLN": 0.25, "CZK": 0.043, "HUF": 0.0027,
    "ZAR": 0.055, "BRL": 0.18, "MXN": 0.055, "ILS": 0.27, "AED": 0.27, "SAR": 0.27,
    "TRY": 0.03, "NGN": 0.00065, "KES": 0.0077, "PHP": 0.017, "IDR": 0.000062, "MYR": 0.21,
    "THB": 0.028, "VND": 0.00004, "PKR": 0.0036, "BDT": 0.0085, "EGP": 0.02, "CLP": 0.00105,
    "COP": 0.00025, "ARS": 0.001, "PEN": 0.27, "TWD": 0.031, "RON": 0.22, "ISK": 0.0072,
}  # fmt: skip


# The currencies a reader can state a minimum pay in on the listing: those of the countries
# most postings come from. Every page of the listing carries this list, so it stays short.
READER_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "SGD", "INR", "JPY")


def usd_cents(amount: float | None, currency: str | None) -> int | None:
    """An amount in whole US cents, or None when the currency has no rate here."""
    if amount is None or currency not in USD_PER_UNIT:
        return None
    return round(amount * USD_PER_UNIT[currency] * 100)
