"""Why customs said no, in words for each side: the buyer reads them in Chinese, the seller in English.

Receipt codes are the sandbox's (and the mapping a real gateway's adapter translates its codes into).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASONS = {
    "schema": _("Customs could not read a declaration message."),
    "id_check_digit": _("The buyer's ID number failed the customs check (its check digit is wrong)."),
    "actural_paid_sum": _("The amount paid does not equal goods, freight and taxes less discounts."),
    "goods_value_sum": _("The order lines do not add up to the declared goods value."),
    "payer_not_orderer": _("The payer is not the person who placed the order."),
    "paid_mismatch": _("The payment's amount differs from the amount declared on the order."),
    "missing_document": _("Customs had not received the order, payment and waybill before the declaration."),
    "buyer_mismatch": _("The buyer on the declaration differs from the buyer on the order."),
    "value_mismatch": _("The declared goods differ from the order."),
    "weight": _("The parcel's gross weight is less than its net weight."),
    "duplicate_declaration": _("This order was already declared to customs."),
    "personal_use_exceeded": _(
        "Customs refused the parcel: more than a reasonable quantity for personal use."
    ),
    "inspection": _("Customs holds the parcel for inspection."),
    "invalid_message": _("A customs message could not be prepared; our staff have been told."),
}
FALLBACK = _("Customs refused the declaration.")


def reason_text(code: str):
    """The reason as a lazy translated string (shown in the viewer's language)."""
    return REASONS.get(code, FALLBACK)
