"""The seller's rate card as a form: one row per bracket (zone, up to N grams, base, per additional kg)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from borderless.trade import freight
from borderless.trade.rate_card import MAX_BRACKETS, MAX_PRICE, MAX_WEIGHT_G, zones

ZONE_NAMES = {
    "CN": _("Mainland China"),
    "JP": _("Japan"),
    "EU": _("European Union"),
    "GB": _("United Kingdom"),
    "AU": _("Australia"),
    "CA": _("Canada"),
}


def zone_choices() -> list[tuple[str, str]]:
    # A blank first choice: an empty row then submits nothing, and the formset leaves it out.
    return [("", "—"), *((zone, f"{zone} · {ZONE_NAMES.get(zone, zone)}") for zone in zones())]


def _price_field(label, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=MAX_PRICE,
        decimal_places=2,
        max_digits=7,
        error_messages={"min_value": _("A price cannot be negative.")},
    )


class BracketForm(forms.Form):
    zone = forms.ChoiceField(label=_("Zone"), choices=zone_choices)
    up_to_g = forms.IntegerField(label=_("Up to (g)"), min_value=1, max_value=MAX_WEIGHT_G)
    base = _price_field(_("Base price (USD)"))
    per_additional_kg = _price_field(_("Per additional kg (USD)"), required=False)


RateCardFormSet = forms.formset_factory(
    BracketForm, extra=3, max_num=MAX_BRACKETS, validate_max=True, can_delete=True
)


def submitted_rows(formset) -> tuple[list[dict], list[forms.Form]]:
    """The rows to save (deleted and blank extra rows left out), and the form each came from."""
    kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    rows = [
        {
            "zone": f.cleaned_data["zone"],
            "up_to_g": f.cleaned_data["up_to_g"],
            "base": f.cleaned_data["base"],
            "per_additional_kg": f.cleaned_data.get("per_additional_kg"),
        }
        for f in kept
    ]
    return rows, kept


def apply_errors(kept: list[forms.Form], errors: dict[str, list[str]]) -> list[str]:
    """Put the service's "brackets[i].field" errors on the row and field they name; the rest returned."""
    rest: list[str] = []
    for key, messages in errors.items():
        if key.startswith("brackets[") and "]" in key:
            index = int(key[len("brackets[") : key.index("]")])
            field = key.split("].", 1)[1] if "]." in key else None
            if index < len(kept):
                kept[index].add_error(field if field in kept[index].fields else None, messages)
                continue
        rest.extend(messages)
    return rest


def default_card_rows() -> list[dict]:
    """The platform's default card, as the seller sees it next to its own: first step, each further step."""
    step, _, rates, _ = freight._card()
    return [
        {"zone": zone, "name": ZONE_NAMES.get(zone, zone), "first": first, "each": each, "step_g": step}
        for zone, (first, each) in rates.items()
    ]
