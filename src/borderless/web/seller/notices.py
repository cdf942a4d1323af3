"""The seller centre's notices (English): listings taken down on a brand owner's notice, the deadline to
answer, and the counter-notice form. The complainant's evidence files are never shown here."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderless.trust import casework_views, takedowns
from borderless.trust.casework_models import Case, Notice
from borderless.trust.strikes import seller_standing
from borderless.web.brand.forms import MultipleFileField
from borderless.web.seller.views import seller_required


class CounterNoticeForm(forms.Form):
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why your listing does not infringe: where the goods come from (20 to 5,000 characters).",
    )
    evidence_for_brand = MultipleFileField(
        required=False,
        label="Evidence the brand owner may see",
        help_text="Images or PDF, at most 10 MB each.",
    )
    evidence_for_operators = MultipleFileField(
        required=False,
        label="Evidence for Borderless only",
        help_text="For example supplier contracts with prices: only Borderless staff see these.",
    )


@seller_required
def notice_list(request):
    notices = (
        Case.objects.filter(seller=request.seller)
        .values("notice__public_id", "notice__brand__name_en", "notice__reason", "notice__filed_at")
        .annotate(listings=Count("id"), deadline=Min("counter_deadline"))
        .order_by("-notice__filed_at")[:200]
    )
    cases = Case.objects.filter(seller=request.seller).select_related("product", "notice__brand")[:500]
    context = {
        "notices": notices,
        "cases": cases,
        "standing": seller_standing(request.seller.pk),
        "tab": "notices",
    }
    return render(request, "web/seller/notices.html", context)


@seller_required
def notice_detail(request, public_id):
    try:
        view = casework_views.notice_for(request.user, public_id)
    except Notice.DoesNotExist:
        raise Http404 from None
    if view.role != "seller":
        raise Http404
    form = CounterNoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            takedowns.file_counter_notice(
                request.user,
                public_id,
                data["statement"],
                data["evidence_for_brand"],
                data["evidence_for_operators"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except takedowns.CaseworkConflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Counter-notice sent. The brand owner has 15 days to take it further.")
            )
            return redirect("web:seller-notice", public_id=public_id)
    answerable = any(c.status == "taken_down" for c in view.cases) and not view.counter_notices
    status = 400 if request.method == "POST" else 200
    context = {"v": view, "form": form, "answerable": answerable, "tab": "notices"}
    return render(request, "web/seller/notice.html", context, status=status)
