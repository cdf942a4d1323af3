"""The period a dashboard shows, from the query string (?from=YYYY-MM-DD&to=YYYY-MM-DD)."""

from datetime import timedelta

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone

from borderless.insights.period import Period, PeriodError


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, default_days: int):
        data = {"start": data.get("from", ""), "end": data.get("to", "")} if data else None
        super().__init__(data)
        self.default_days = default_days

    def clean(self):
        cleaned = super().clean()
        today = timezone.now().date()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or end - timedelta(days=self.default_days - 1)
        try:
            cleaned["period"] = Period(start, end)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned


def period_from(request, default_days: int) -> tuple[PeriodForm, Period, bool]:
    """The asked-for period, or the default one with the form's errors to show (nothing else changes)."""
    form = PeriodForm(request.GET, default_days)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["period"], True
    today = timezone.now().date()
    return form, Period(today - timedelta(days=default_days - 1), today), not request.GET


def chart_csv_response(
    request, chart: str, charts: tuple[str, ...], default_days: int, board_for
) -> HttpResponse:
    """One dashboard chart's data as CSV for the requested period: 404 for an unknown chart, 400 for a bad
    period. `board_for(period)` builds the dashboard the chart belongs to."""
    if chart not in charts:
        raise Http404("No such chart.")
    form, period, valid = period_from(request, default_days)
    if not valid:
        message = " ".join(form.non_field_errors()) or "Bad period."
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(board_for(period).charts[chart].csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{chart}-{period.start}-{period.end}.csv"'
    return response
