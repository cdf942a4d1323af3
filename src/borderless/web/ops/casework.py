"""The operations console's notice and takedown: notices to pre-check, disputed cases to decide, and the
figures (proactive share, notice-to-takedown time, counter-notice rate, repeat offenders)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.trust import takedowns
from borderless.trust.casework_metrics import casework_metrics, disputed_cases, notices_to_precheck
from borderless.trust.casework_models import Case, Notice
from borderless.web.ops.views import chosen_decision, console_note, operator_required

PERIODS = (30, 90, 365)


@operator_required
def casework(request):
    try:
        days = int(request.GET.get("days", 90))
    except ValueError:
        days = 90
    days = days if days in PERIODS else 90
    context = {
        "m": casework_metrics(days=days),
        "days": days,
        "periods": PERIODS,
        "disputed": disputed_cases()[:200],
        "prechecks": notices_to_precheck()[:200],
    }
    return render(request, "web/ops/casework.html", context)


@operator_required
@require_POST
def decide(request, public_id):
    if (choice := chosen_decision(request, "uphold", "reject")) is None or (
        note := console_note(request)
    ) is None:
        return redirect("web:ops-casework")
    uphold = choice == "uphold"
    try:
        takedowns.decide_case(request.user, public_id, uphold, note)
    except Case.DoesNotExist:
        raise Http404 from None
    except takedowns.CaseworkConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Upheld: the listing stays down." if uphold else "Rejected: the listing is back."
        )
    return redirect("web:ops-casework")


@operator_required
@require_POST
def precheck(request, public_id):
    if (choice := chosen_decision(request, "accept", "reject")) is None or (
        note := console_note(request)
    ) is None:
        return redirect("web:ops-casework")
    accept = choice == "accept"
    try:
        takedowns.precheck_notice(request.user, public_id, accept, note)
    except Notice.DoesNotExist:
        raise Http404 from None
    except (takedowns.CaseworkConflict, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, "Notice accepted." if accept else "Notice rejected: its listings are back.")
    return redirect("web:ops-casework")
