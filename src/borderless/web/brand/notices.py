"""The brand portal's notices: file a notice, follow its cases and outcomes, read counter-notices, report a
complaint or suit, download a case's evidence bundle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.trust import casework_views, evidence, takedowns
from borderless.trust.casework_models import Case, EvidenceFile, Notice
from borderless.trust.models import Brand, BrandStatus
from borderless.web.brand.notice_forms import NoticeForm, PursuitForm
from borderless.web.brand.views import _form_errors, brand_owner_required


@brand_owner_required
def notice_list(request):
    notices = (
        Notice.objects.filter(brand__owner=request.user)
        .select_related("brand")
        .prefetch_related("cases")
        .order_by("-filed_at", "-id")[:200]
    )
    return render(request, "web/brand/notices.html", {"notices": notices, "tab": "notices"})


@brand_owner_required
def notice_new(request):
    brands = Brand.objects.filter(owner=request.user, status=BrandStatus.VERIFIED)
    form = NoticeForm(request.POST or None, request.FILES or None, brands=brands)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = takedowns.file_notice(
                request.user,
                data["brand"],
                form.listing_ids(),
                data["reason"],
                data["statement"],
                data["evidence"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except takedowns.CaseworkConflict as exc:
            form.add_error("listings", f"{exc.message} {', '.join(exc.details.get('listings', []))}")
        else:
            messages.success(request, _("Notice filed: its listings are no longer shown to buyers."))
            return redirect("web:brand-notice", public_id=notice.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/brand/notice_form.html", {"form": form, "tab": "notices"}, status=status)


@brand_owner_required
def notice_detail(request, public_id):
    try:
        view = casework_views.notice_for(request.user, public_id)
    except Notice.DoesNotExist:
        raise Http404 from None
    if view.role != "brand_owner":
        raise Http404
    return render(
        request, "web/brand/notice_detail.html", {"v": view, "pursuit_form": PursuitForm(), "tab": "notices"}
    )


@brand_owner_required
@require_POST
def case_pursuit(request, public_id):
    form = PursuitForm(request.POST)
    try:
        case = Case.objects.select_related("notice").get(
            public_id=public_id, notice__brand__owner=request.user
        )
    except Case.DoesNotExist:
        raise Http404 from None
    if form.is_valid():
        try:
            takedowns.report_pursuit(request.user, case.public_id, form.cleaned_data["kind"],
                                     form.cleaned_data["reference"])  # fmt: skip
            messages.success(request, _("Recorded: the listing stays down until Borderless decides."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except takedowns.CaseworkConflict as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose complaint or lawsuit and give its reference."))
    return redirect("web:brand-notice", public_id=case.notice.public_id)


def case_evidence(request, public_id):
    """The case's evidence bundle, for the brand owner who filed it or an operator."""
    if not request.user.is_authenticated:
        return redirect(f"/login/?next={request.path}")
    try:
        case = casework_views.case_for_evidence(request.user, public_id)
    except Case.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(evidence.build_bundle(case, viewer=request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="case-{case.public_id}.zip"'
    return response


def evidence_file(request, public_id):
    """One evidence file of a notice or counter-notice, to those who may see it (else 404)."""
    if not request.user.is_authenticated:
        return redirect(f"/login/?next={request.path}")
    try:
        item = casework_views.evidence_file_for(request.user, public_id)
    except (EvidenceFile.DoesNotExist, Notice.DoesNotExist):
        raise Http404 from None
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name,
                        content_type=item.content_type)  # fmt: skip
