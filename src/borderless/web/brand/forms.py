"""Forms of the brand portal. They only parse input; the trust services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borderless.trust.models import TrademarkOffice


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class BrandOwnerSignupForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=12, max_length=128)


class BrandForm(forms.Form):
    name_en = forms.CharField(label=_("Brand name (Latin letters)"), max_length=100)
    name_zh = forms.CharField(label=_("Brand name in Chinese"), max_length=100, required=False)
    aliases = forms.CharField(
        label=_("Other names"),
        max_length=1000,
        required=False,
        help_text=_("Separated by commas: abbreviations, former names, nicknames buyers use."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    office = forms.ChoiceField(label=_("Trademark office"), choices=TrademarkOffice.choices)
    number = forms.CharField(label=_("Registration number"), max_length=40)
    classes = forms.CharField(label=_("Nice classes"), max_length=200, help_text=_("For example: 18, 25"))
    expires_on = forms.DateField(
        label=_("Registration expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    documents = MultipleFileField(
        label=_("Supporting documents"),
        required=False,
        help_text=_("Registration certificates or licences: PDF, JPEG or PNG, at most 10 MB each."),
    )


class ReferenceProductForm(forms.Form):
    name_en = forms.CharField(label=_("Product name in English"), max_length=200)
    name_zh = forms.CharField(label=_("Product name in Chinese"), max_length=200, required=False)
    msrp_amount = forms.DecimalField(
        label=_("List price (MSRP)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    msrp_currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    gtins = forms.CharField(
        label=_("GTINs"), max_length=400, required=False, help_text=_("Separated by commas.")
    )
    images = MultipleFileField(label=_("Official images"), required=False)


class AuthorizedSellerForm(forms.Form):
    seller = forms.CharField(
        label=_("Seller"),
        max_length=300,
        help_text=_("The seller's id, or the address of its storefront page (…/s/<id>/)."),
    )
