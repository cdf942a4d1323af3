"""China customs: an order's declaration (CN-C9/C10), as its seller and operators see it; its buyer sees the
status and, if customs said no, why. The ID number is never in an answer."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, ApiError, Error
from borderless.customs import services as customs
from borderless.customs.models import Declaration
from borderless.customs.reasons import reason_text

router = Router(tags=["customs"], auth=AUTH)


class CustomsMessageOut(Schema):
    kind: str
    guid: UUID
    status: str
    sent_at: datetime | None
    answered_at: datetime | None
    error: str


class CustomsReceiptOut(Schema):
    kind: str
    code: str
    note: str
    issued_at: datetime
    applied: bool
    outcome: str


class CustomsOut(Schema):
    order: UUID
    declaration: UUID
    trade_mode: str
    status: str
    status_label: str
    reason_code: str
    reason: str
    messages: list[CustomsMessageOut] | None = None  # the seller and operators only
    receipts: list[CustomsReceiptOut] | None = None


@router.get("/orders/{order_id}/customs", response={200: CustomsOut, READ_ERRORS: Error})
def get_customs(request: HttpRequest, order_id: UUID):
    """The order's China customs declaration. The order's buyer, seller and operators; anyone else gets 404,
    as does an order with no declaration (not paid yet, or not bound for China)."""
    try:
        view = customs.declaration_for(request.auth, order_id)
    except Declaration.DoesNotExist:
        raise ApiError(404, "This order has no customs declaration.", "not_declared") from None
    d = view.declaration
    out = CustomsOut(
        order=d.order.public_id,
        declaration=d.public_id,
        trade_mode=d.trade_mode,
        status=d.status,
        status_label=str(d.get_status_display()),
        reason_code=d.reason_code,
        reason=str(reason_text(d.reason_code)) if d.reason_code else "",
    )
    if view.full:
        out.messages = [
            CustomsMessageOut(kind=m.kind, guid=m.guid, status=m.status, sent_at=m.sent_at,
                              answered_at=m.answered_at, error=m.error)
            for m in d.messages.all()
        ]  # fmt: skip
        out.receipts = [
            CustomsReceiptOut(kind=r.kind, code=r.code, note=r.note, issued_at=r.issued_at,
                              applied=r.applied_at is not None, outcome=r.outcome)
            for r in d.receipts.all()
        ]  # fmt: skip
    return out
