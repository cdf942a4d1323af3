"""The operations console's China customs: declarations, their messages (XML as sent) and receipts."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.customs import services as customs
from borderless.customs.models import CustomsMessage, Declaration, DeclarationStatus
from borderless.customs.reasons import reason_text
from borderless.web.ops.views import operator_required


@operator_required
def declarations(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "web/ops/customs.html",
        {
            "declarations": customs.operator_declarations(request.user, status),
            "status": status,
            "statuses": DeclarationStatus.choices,
        },
    )


@operator_required
def declaration(request, public_id):
    try:
        found = customs.operator_declaration(request.user, public_id)
    except Declaration.DoesNotExist:
        raise Http404 from None
    reason = reason_text(found.reason_code) if found.reason_code else ""
    return render(request, "web/ops/declaration.html", {"declaration": found, "reason": reason})


@operator_required
def message_xml(request, guid):
    try:
        message = customs.message_as_sent(request.user, guid)
    except CustomsMessage.DoesNotExist:
        raise Http404 from None
    if not message.xml:
        raise Http404("This message was never built (see its error).")
    response = HttpResponse(message.xml.encode("utf-8"), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{message.kind}-{message.guid}.xml"'
    response["Cache-Control"] = "no-store"  # it holds the buyer's full ID number
    return response


@operator_required
@require_POST
def resend(request, public_id):
    """After the data was fixed: the failed declaration's invalid messages are built and sent again."""
    try:
        queued = customs.resend_failed(request.user, public_id)
    except Declaration.DoesNotExist:
        raise Http404 from None
    if queued:
        messages.success(request, f"{queued} message(s) will be built and sent again.")
    else:
        messages.error(request, "Only a declaration that needs an operator can be sent again.")
    return redirect("web:ops-declaration", public_id=public_id)
