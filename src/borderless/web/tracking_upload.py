"""Carrier tracking events uploaded as CSV: in the seller centre (the seller's own parcels) and in the
operations console (any parcel). All or nothing; errors by line number."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from borderless.logistics import tracking

MAX_BYTES = 10 * 1024 * 1024


class TrackingCsvForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: carrier, tracking_number, code, occurred_at (ISO 8601 with offset), location, "
        "description.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be UTF-8 text.") from None


def upload(request, template: str, url_name: str, context: dict, seller=None):
    form = TrackingCsvForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = tracking.receive_csv(form.cleaned_data["file"], seller=seller)
        except tracking.TrackingRejected as exc:
            form.add_error(None, exc.message)
            errors = exc.details.get("errors", [])
        else:
            messages.success(
                request,
                f"{result.received} events read: {result.stored} stored, {result.duplicates} already known; "
                f"{len(result.delivered_orders)} orders delivered.",
            )
            return redirect(url_name)
    status = 422 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form, "row_errors": errors}, status=status)
