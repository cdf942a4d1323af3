"""The preference form: per kind of notice, e-mail and (buyers) SMS on or off, and the SMS number."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borderless.notifications import services
from borderless.notifications.kinds import Channel, Kind, channels_for, kinds_for


def field_name(kind: str, channel: str) -> str:
    return f"{channel}_{kind}"


class PreferencesForm(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number for SMS"),
        required=False,
        max_length=20,
        help_text=_("A mainland China mobile number, 11 digits."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kinds = kinds_for(user)
        self.channels = channels_for(user)
        if Channel.SMS not in self.channels:
            del self.fields["mobile"]
        current = services.preferences(user)
        for kind in self.kinds:
            for channel in self.channels:
                name = field_name(kind, channel)
                self.fields[name] = forms.BooleanField(
                    label=f"{Kind(kind).label} · {Channel(channel).label}", required=False
                )
                self.initial.setdefault(name, current[(kind, channel)])
        if "mobile" in self.fields:
            self.initial.setdefault("mobile", services.address_of(user, Channel.SMS))

    def clean_mobile(self):
        text = self.cleaned_data.get("mobile", "").strip()
        if not text:
            return ""
        try:
            return services.normalise_mobile(text)
        except ValueError:
            raise forms.ValidationError(_("Enter a mainland China mobile number of 11 digits.")) from None

    def clean(self):
        data = super().clean()
        wants_sms = any(data.get(field_name(kind, Channel.SMS)) for kind in self.kinds)
        if "mobile" in self.fields and wants_sms and not data.get("mobile") and "mobile" not in self.errors:
            self.add_error("mobile", _("Enter your mobile number to receive SMS."))
        return data

    def rows(self):
        """(kind label, [bound field per channel]) for the table."""
        return [
            (Kind(kind).label, [self[field_name(kind, channel)] for channel in self.channels])
            for kind in self.kinds
        ]

    def save(self) -> None:
        wanted = {
            (kind, channel): self.cleaned_data[field_name(kind, channel)]
            for kind in self.kinds
            for channel in self.channels
        }
        services.save_preferences(self.user, wanted, self.cleaned_data.get("mobile"))
