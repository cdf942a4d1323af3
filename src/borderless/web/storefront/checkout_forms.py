"""Forms of the buyer's cart and checkout. They parse input; the rules (ID check digit, CBEC limits, stock)
are the order domain's, and its errors are put back on the fields here in the buyer's language."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from borderless.catalog.models import Sku
from borderless.orders.errors import (
    CustomsLimit,
    EmptyCart,
    IdempotencyConflict,
    InvalidAddress,
    InvalidCart,
    InvalidIdentity,
    OrderError,
    OutOfStock,
)
from borderless.orders.models import MAX_CART_QUANTITY


class AddToCartForm(forms.Form):
    sku = forms.UUIDField()
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_CART_QUANTITY, initial=1)


class CartQuantityForm(forms.Form):
    sku = forms.UUIDField()
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=MAX_CART_QUANTITY)


class UnechoedTextInput(forms.TextInput):
    """A text field whose value is never written back into the page: a form shown again after an error asks
    for the ID number anew instead of putting it, unmasked, in the HTML (and the browser's caches)."""

    def format_value(self, value):
        return None


class CheckoutForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=255)
    name = forms.CharField(label=_("Recipient"), max_length=50)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20)
    province = forms.CharField(label=_("Province"), max_length=50)
    city = forms.CharField(label=_("City"), max_length=50)
    district = forms.CharField(label=_("District"), max_length=50, required=False)
    street = forms.CharField(label=_("Street address"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    real_name = forms.CharField(
        label=_("Real name"), max_length=50, help_text=_("As on your resident ID card: customs checks it.")
    )
    id_number = forms.CharField(
        label=_("Resident ID number"),
        min_length=18,
        max_length=18,
        widget=UnechoedTextInput(attrs={"autocomplete": "off"}),
        help_text=_("18 characters. Shown masked everywhere; only customs sees it in full."),
    )

    ADDRESS_FIELDS = ("name", "phone", "province", "city", "district", "street", "postcode")

    @staticmethod
    def new_key() -> str:
        return uuid.uuid4().hex

    def address(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.ADDRESS_FIELDS if self.cleaned_data.get(f)}

    def identity(self) -> dict:
        return {"name": self.cleaned_data["real_name"], "id_number": self.cleaned_data["id_number"]}

    def add_order_error(self, exc: OrderError) -> None:
        """Put the domain's refusal where the buyer looks for it, in the buyer's language."""
        if isinstance(exc, InvalidIdentity):
            if exc.message.startswith("name:"):
                self.add_error(
                    "real_name", gettext("Give your real name as on your ID card (2 to 50 characters).")
                )
            elif "check digit" in exc.message:
                self.add_error(
                    "id_number", gettext("The check digit does not match: please check the number.")
                )
            elif "18 characters" in exc.message:
                self.add_error("id_number", gettext("A resident ID number has 18 characters."))
            else:
                self.add_error("id_number", gettext("This is not a valid resident ID number."))
        elif isinstance(exc, InvalidAddress):
            self.add_error(None, gettext("Please complete the delivery address."))
        elif isinstance(exc, CustomsLimit):
            self.add_error(None, customs_limit_text(exc))
        elif isinstance(exc, OutOfStock):
            self.add_error(
                None,
                gettext("Not enough stock left for %(item)s: please lower the quantity in your cart.")
                % {"item": sku_title(exc.sku_public_id)},
            )
        elif isinstance(exc, EmptyCart):
            self.add_error(None, gettext("Your cart is empty."))
        elif isinstance(exc, InvalidCart):
            self.add_error(None, gettext("An item in your cart is no longer for sale: please remove it."))
        elif isinstance(exc, IdempotencyConflict):
            self.add_error(
                None, gettext("This form was already submitted with other details: please reload.")
            )
        else:
            self.add_error(
                None, gettext("These orders cannot be placed: %(reason)s") % {"reason": exc.message}
            )


def sku_title(public_id) -> str:
    sku = Sku.objects.select_related("product").filter(public_id=public_id).first()
    if sku is None:
        return str(public_id)
    zh = (get_language() or "zh-hans").startswith("zh")
    title = sku.product.title_zh if zh and sku.product.title_zh else sku.product.title_en
    option = sku.option_zh if zh and sku.option_zh else sku.option_en
    return f"{title} {option}".strip()


def customs_limit_text(exc: CustomsLimit) -> str:
    rules = {r.get("rule") for r in exc.reasons}
    if "CN-C15" in rules:
        return gettext("Goods of this kind may not be sent to China by parcel: please remove them.")
    if "CN-C8" in rules:
        return gettext("An item is not on China's cross-border e-commerce import list: please remove it.")
    return gettext(
        "China's cross-border e-commerce limits refuse this order (RMB 5,000 per order, RMB 26,000 per "
        "person a year): please lower the quantities or split the purchase."
    )


class ReturnForm(forms.Form):
    """退货: how much of the order comes back (CNY) and why; the key makes a double submit one return."""

    amount = forms.DecimalField(
        label=_("Amount to refund (CNY)"), min_value=Decimal("0.01"), decimal_places=2, max_digits=9
    )
    reason = forms.CharField(label=_("Reason for the return"), max_length=500)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
