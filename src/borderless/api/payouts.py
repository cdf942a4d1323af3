"""After payment: shipping, delivery, receipt confirmed (escrow released); the seller's balance, payouts and
statements; the ledger's trial balance for operators."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, Query, Router, Schema, Status

from borderless.accounts.models import Seller
from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.fields import MoneyAmount, Text, decimal_type
from borderless.api.links import read_links
from borderless.api.orders import Amount, OrderOut, _order, domain_errors
from borderless.ledger import services as ledger
from borderless.logistics.services import MAX_SIDE_CM, MAX_WEIGHT_G, ParcelSpec
from borderless.money import Money
from borderless.orders import queries
from borderless.payouts import services
from borderless.payouts.models import Payout, Return

router = Router(tags=["orders"], auth=AUTH)  # the order's steps after payment
seller_router = Router(tags=["payouts"], auth=AUTH)
ops_router = Router(tags=["operations"], auth=AUTH)

STEP_ERRORS = frozenset({409, *WRITE_ERRORS})
ParcelWeight = decimal_type(places=1, max_integer_digits=5, maximum=int(MAX_WEIGHT_G))
Side = decimal_type(places=1, max_integer_digits=3, maximum=int(MAX_SIDE_CM))


# --- schemas ---


class ReturnIn(Schema):
    amount: MoneyAmount  # CNY: everything left of what was paid for the order, or a part of it
    reason: Text(500, 1)


class ReturnOut(Schema):
    id: UUID
    order: UUID
    refund: UUID
    refund_status: str
    requested_at: datetime
    reason: str
    amount: Amount  # refunded to the buyer (CNY)
    taxes: Amount  # import taxes reversed (CNY)
    released: bool  # the escrow had been released: the release was reversed in part
    seller_net: Amount  # taken back from the seller (USD)
    commission: Amount  # given back by the platform (USD)
    from_receivable: Amount  # the part of seller_net the seller owes back (already paid out)
    quota_restored: Amount  # annual CBEC quota given back (CN-C6, CNY)


class ParcelIn(Schema):
    carrier: Text(20, 1)
    tracking_number: Text(64, 1)
    weight_g: ParcelWeight
    length_cm: Side | None = None
    width_cm: Side | None = None
    height_cm: Side | None = None


class ShipIn(Schema):
    """Either `parcels`, or one `carrier` + `tracking_number` (one parcel: the goods plus packaging, 10 %, at
    least 100 g)."""

    carrier: Text(20, 1) | None = None
    tracking_number: Text(64, 1) | None = None
    parcels: list[ParcelIn] | None = Field(None, min_length=1, max_length=20)
    itn: Text(15) = ""


class BalanceOut(Schema):
    pending: Amount
    available: Amount
    owed: Amount  # returns reversed after a payout: taken from the next payouts first
    currency: str


class PayoutOrderOut(Schema):
    order: UUID
    released_at: datetime
    gross: Amount
    taxes: Amount
    fx_rate: str
    fx_date: date
    commission: Amount
    net: Amount
    hours_to_payout: float | None


class PayoutOut(Schema):
    id: UUID
    payout_date: date
    status: str
    amount: Amount
    created_at: datetime
    paid_at: datetime | None
    reference: str
    orders: list[PayoutOrderOut]
    hours_from_release: float | None  # the longest wait among its orders


class PayoutList(Schema):
    payouts: list[PayoutOut]
    median_hours: float | None
    p95_hours: float | None


class CurrencyTotals(Schema):
    debits: str
    credits: str


class TrialBalanceOut(Schema):
    balanced: bool
    currencies: dict[str, CurrencyTotals]


class StatementQuery(Schema):
    format: Literal["csv", "pdf"] = "csv"
    since: date | None = None
    until: date | None = None


# --- helpers ---


def _money(amount, currency: str) -> Amount:
    return Amount(amount=str(Money(amount, currency).rounded().amount), currency=currency)


def _seller(request: HttpRequest) -> Seller:
    membership = getattr(request.auth, "membership", None)
    if membership is None:
        raise PermissionDenied("Only members of a seller organisation have a balance and payouts.")
    return membership.seller


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds() / 3600, 2)


def _payout(payout: Payout) -> PayoutOut:
    lines = []
    for r in sorted(payout.releases.all(), key=lambda r: (r.released_at, r.pk)):
        lines.append(
            PayoutOrderOut(
                order=r.order.public_id,
                released_at=r.released_at,
                gross=_money(r.gross, r.buyer_currency),
                taxes=_money(r.taxes, r.buyer_currency),
                fx_rate=str(r.fx_rate.normalize()),
                fx_date=r.fx_date,
                commission=_money(r.commission, r.seller_currency),
                net=_money(r.net, r.seller_currency),
                hours_to_payout=_hours(r.released_at, payout.paid_at),
            )
        )
    waits = [ln.hours_to_payout for ln in lines if ln.hours_to_payout is not None]
    return PayoutOut(
        id=payout.public_id,
        payout_date=payout.payout_date,
        status=payout.status,
        amount=_money(payout.amount, payout.currency),
        created_at=payout.created_at,
        paid_at=payout.paid_at,
        reference=payout.reference,
        orders=lines,
        hours_from_release=max(waits) if waits else None,
    )


def _return(r: Return) -> ReturnOut:
    cny, usd = r.refund.currency, "USD"
    return ReturnOut(
        id=r.public_id,
        order=r.order.public_id,
        refund=r.refund.public_id,
        refund_status=r.refund.status,
        requested_at=r.requested_at,
        reason=r.reason,
        amount=_money(r.gross, cny),
        taxes=_money(r.taxes, cny),
        released=r.release_id is not None,
        seller_net=_money(r.net, usd),
        commission=_money(r.commission, usd),
        from_receivable=_money(r.from_receivable, usd),
        quota_restored=_money(r.quota_restored, cny),
    )


def _reloaded(request: HttpRequest, order) -> OrderOut:
    return _order(queries.visible_order(request.auth, order.public_id))


# --- order steps ---


@router.post("/orders/{order_id}/ship", response={200: OrderOut, STEP_ERRORS: Error})
@domain_errors
def ship_order(request: HttpRequest, order_id: UUID, payload: ShipIn):
    """The order's seller ships it (paid -> shipped) in one or more parcels, each with a carrier from
    GET /carriers and a tracking number in that carrier's format, used once per carrier. When EEI applies
    (over USD 2,500 per Schedule B number, or an ECCN item to China) the ITN is required: 422
    `itn_required` names the reasons. Anyone else: 404; not paid: 409 `illegal_transition`; bad parcels:
    422 `invalid_shipment`."""
    parcels = None
    if payload.parcels is not None:
        parcels = [ParcelSpec(**p.model_dump()) for p in payload.parcels]
    order = services.ship(
        request.auth, order_id, payload.carrier, payload.tracking_number, parcels=parcels, itn=payload.itn
    )
    return _reloaded(request, order)


@router.post("/orders/{order_id}/deliver", response={200: OrderOut, STEP_ERRORS: Error})
@domain_errors
def deliver_order(request: HttpRequest, order_id: UUID):
    """Record delivery (shipped -> delivered; the auto-confirmation window starts). The order's seller or
    an operator; it stands in for the carrier integration. Anyone else: 404; not shipped: 409."""
    order = services.deliver(request.auth, order_id)
    return _reloaded(request, order)


@router.post("/orders/{order_id}/confirm-receipt", response={200: OrderOut, STEP_ERRORS: Error})
@domain_errors
def confirm_receipt(request: HttpRequest, order_id: UUID):
    """确认收货: the order's buyer confirms receipt; the escrow is released to the seller and the order is
    completed. Another user's order: 404; not shipped or delivered, or a refund request or dispute open:
    409 `release_not_allowed`. Confirming a completed order again returns it unchanged."""
    order = services.confirm_receipt(request.auth, order_id)
    return _reloaded(request, order)


@router.post(
    "/orders/{order_id}/returns",
    response={200: ReturnOut, 201: ReturnOut, frozenset({409, 502, *WRITE_ERRORS}): Error},
    openapi_extra=read_links(201, "payouts", list_returns={"order_id": "$request.path.order_id"}),
)
@domain_errors
def create_return(
    request: HttpRequest,
    order_id: UUID,
    payload: ReturnIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    """The order's buyer returns all or part of it within 30 days of delivery (CN-C6): the amount is
    refunded, the import taxes reversed, the annual quota given back; after the escrow's release the
    seller's share and the platform's commission are reversed too. Another user's order: 404; not delivered
    or completed, or past the window: 409 `return_not_allowed`; more than is left of what was paid: 422
    `refund_exceeds_payment`. A retry with the same Idempotency-Key and body returns the first return (200).
    """
    if payload.amount <= 0:
        raise ApiError(422, "amount: more than zero.", "invalid_refund")
    result = services.request_return(request.auth, order_id, payload.amount, payload.reason, idempotency_key)
    return Status(200 if result.replayed else 201, _return(result.order_return))


@router.get("/orders/{order_id}/returns", response={200: list[ReturnOut], READ_ERRORS: Error})
def list_returns(request: HttpRequest, order_id: UUID):
    """The order's returns (its buyer, its seller, operators); anyone else: 404."""
    order = queries.visible_order(request.auth, order_id)
    return [_return(r) for r in services.returns_of(order)]


# --- seller ---


@seller_router.get("/balance", response={200: BalanceOut, READ_ERRORS: Error})
def seller_balance(request: HttpRequest):
    """Your balance in USD: `pending` is an estimate of what orders still in escrow (paid, shipped,
    delivered) would pay at their recorded rates; `available` is released and not yet paid out; `owed` is
    what returns took back after a payout, recovered from the next payouts first."""
    balance = services.seller_balance(_seller(request))
    return BalanceOut(
        pending=_money(balance.pending.amount, balance.currency),
        available=_money(balance.available.amount, balance.currency),
        owed=_money(balance.owed.amount, balance.currency),
        currency=balance.currency,
    )


@seller_router.get("/payouts", response={200: PayoutList, READ_ERRORS: Error})
def seller_payouts(request: HttpRequest):
    """Your payouts, newest first: their orders, when each was released, when paid, and the hours from
    release to payout (median and 95th percentile over these payouts)."""
    seller = _seller(request)
    payouts = [_payout(p) for p in services.payouts_of(seller)]
    statement = services.build_statement(seller)
    return PayoutList(payouts=payouts, median_hours=statement.median_hours, p95_hours=statement.p95_hours)


@seller_router.get(
    "/payouts/statement",
    response={200: None, READ_ERRORS: Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The statement as CSV or PDF.",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def seller_statement(request: HttpRequest, query: Query[StatementQuery]):
    """Your payout statement (payouts dated since..until, all by default) as `csv` or `pdf`: per order
    the gross paid by the buyer in CNY, the customs taxes, the FX rate and date, the commission, the net in
    USD; per payout the dates released and paid; the hours from release to payout."""
    seller = _seller(request)
    statement = services.build_statement(seller, since=query.since, until=query.until)
    if query.format == "pdf":
        body, content_type = services.statement_pdf(statement), "application/pdf"
    else:
        body, content_type = services.statement_csv(statement).encode(), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="payout-statement.{query.format}"'
    return response


# --- operations ---


@ops_router.get("/ledger/trial-balance", response={200: TrialBalanceOut, READ_ERRORS: Error})
def trial_balance(request: HttpRequest):
    """Posted debits and credits per currency over every ledger account, and whether they balance."""
    if not request.auth.is_operator:
        raise PermissionDenied("Only operators can read the ledger.")
    return ledger.trial_balance()
