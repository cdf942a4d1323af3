"""Forms of the web faces. They only parse input; the rules live in the services."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from borderless.accounts.models import BusinessType, EmployeeBand, RevenueBand
from borderless.accounts.regions import CN_PROVINCE_CHOICES, US_STATE_CHOICES
from borderless.catalog.models import Category, NetContentUnit


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True}))


class SignupForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[("buyer", _("Buy American goods")), ("seller", _("Sell my products abroad"))],
    )
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=12, max_length=128)
    full_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", "—"), *CN_PROVINCE_CHOICES], required=False
    )
    legal_name = forms.CharField(label=_("Legal business name"), max_length=200, required=False)
    state = forms.ChoiceField(label=_("US state"), choices=[("", "—"), *US_STATE_CHOICES], required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    business_type = forms.ChoiceField(
        label=_("Business type"), choices=[("", "—"), *BusinessType.choices], required=False
    )
    employee_band = forms.ChoiceField(
        label=_("Employees"), choices=[("", "—"), *EmployeeBand.choices], required=False
    )
    revenue_band = forms.ChoiceField(
        label=_("Annual revenue"), choices=[("", "—"), *RevenueBand.choices], required=False
    )
    year_founded = forms.IntegerField(label=_("Year founded"), min_value=1600, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("role") == "seller":
            for name in (
                "legal_name",
                "state",
                "city",
                "business_type",
                "employee_band",
                "revenue_band",
                "year_founded",
            ):
                if not data.get(name):
                    self.add_error(name, _("Required for a seller."))
        return data


class SellerProfileForm(forms.Form):
    legal_name = forms.CharField(max_length=200)
    display_name = forms.CharField(max_length=120)
    display_name_zh = forms.CharField(label="Display name (Chinese)", max_length=120, required=False)
    about_en = forms.CharField(
        label="About (English)", widget=forms.Textarea, max_length=2000, required=False
    )
    about_zh = forms.CharField(
        label="About (Chinese)", widget=forms.Textarea, max_length=2000, required=False
    )
    state = forms.ChoiceField(label="US state", choices=US_STATE_CHOICES)
    city = forms.CharField(max_length=80)
    business_type = forms.ChoiceField(choices=BusinessType.choices)
    employee_band = forms.ChoiceField(label="Employees", choices=EmployeeBand.choices)
    revenue_band = forms.ChoiceField(label="Annual revenue", choices=RevenueBand.choices)
    year_founded = forms.IntegerField(min_value=1600, max_value=2100)


class ProductForm(forms.Form):
    title_en = forms.CharField(label="Title (English)", max_length=200)
    title_zh = forms.CharField(
        label="Title (Chinese)",
        max_length=200,
        required=False,
        help_text="Optional: leave it blank and Borderless translates your English title; you review it.",
    )
    category = forms.ModelChoiceField(queryset=Category.objects.all(), to_field_name="slug")
    brand_name = forms.CharField(max_length=100)
    hs_code = forms.CharField(
        label="HS code",
        max_length=16,
        help_text="6 to 10 digits, e.g. 1702.20 for maple syrup (Schedule B works).",
    )
    eccn = forms.CharField(
        label="ECCN",
        max_length=5,
        required=False,
        help_text="Export Control Classification Number if the item is on the Commerce Control List "
        "(e.g. 5A992); leave blank or EAR99 otherwise.",
    )
    origin_state = forms.ChoiceField(label="Made in (US state)", choices=US_STATE_CHOICES)
    description_en = forms.CharField(label="Description (English)", widget=forms.Textarea, max_length=5000)
    description_zh = forms.CharField(
        label="Description (Chinese)",
        widget=forms.Textarea,
        max_length=5000,
        required=False,
        help_text="Optional: translated for you when left blank.",
    )
    net_content_value = forms.DecimalField(label="Net content", max_digits=10, decimal_places=3, min_value=0)
    net_content_unit = forms.ChoiceField(label="Unit", choices=NetContentUnit.choices)
    unit_weight_g = forms.DecimalField(label="Unit weight (g)", max_digits=9, decimal_places=1, min_value=0)


class ChineseReviewForm(forms.Form):
    """The seller's review of the machine's Chinese, beside the English; a blank field is translated again."""

    title_zh = forms.CharField(label="Title (Chinese)", max_length=200, required=False)
    description_zh = forms.CharField(
        label="Description (Chinese)",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
    )


class SkuForm(forms.Form):
    code = forms.CharField(label="SKU code", max_length=64)
    option_en = forms.CharField(label="Option (English)", max_length=100, required=False)
    option_zh = forms.CharField(label="Option (Chinese)", max_length=100, required=False)
    price_usd = forms.DecimalField(label="Price (USD)", max_digits=12, decimal_places=2)
    stock = forms.IntegerField()
    gtin = forms.CharField(label="GTIN", max_length=14, required=False)


SkuFormSet = forms.formset_factory(SkuForm, extra=1, max_num=50, validate_max=True, can_delete=True)


class ImageForm(forms.Form):
    image = forms.FileField()


class CsvImportForm(forms.Form):
    file = forms.FileField(label="CSV file")


class InviteForm(forms.Form):
    email = forms.EmailField()


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, label=_("Token name"))


class RejectForm(forms.Form):
    note = forms.CharField(max_length=500)
