"""Forms of the brand portal's notices: filing a notice and reporting a complaint or suit."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from borderless.trust.casework_models import NoticeReason
from borderless.web.brand.forms import MultipleFileField

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


class NoticeForm(forms.Form):
    brand = forms.ChoiceField(label=_("Brand"))
    reason = forms.ChoiceField(label=_("Reason"), choices=NoticeReason.choices)
    listings = forms.CharField(
        label=_("Listings"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Listing ids or storefront links, one per line (1 to 300)."),
    )
    statement = forms.CharField(
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What infringes your rights, and how you know (20 to 5,000 characters)."),
    )
    evidence = MultipleFileField(
        label=_("Evidence files"), help_text=_("Images or PDF, at most 10 MB each; sellers never see them.")
    )

    def __init__(self, *args, brands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand"].choices = [(str(b.public_id), b.name_en) for b in brands]

    def listing_ids(self) -> list[str]:
        """Ids found in what was pasted (links or bare ids); anything else is left to the service."""
        found = []
        for line in self.cleaned_data["listings"].splitlines():
            line = line.strip()
            if line:
                match = _UUID.search(line)
                found.append(match.group(0) if match else line)
        return found


class PursuitForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Follow-up"),
        choices=[("complaint", _("Complaint to an authority")), ("lawsuit", _("Lawsuit"))],
    )
    reference = forms.CharField(label=_("Reference"), max_length=200)
