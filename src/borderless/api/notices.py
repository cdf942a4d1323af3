"""Notice and takedown: brand owners file notices and report pursuits, sellers answer with counter-notices,
operators decide disputed cases, and the evidence bundle of a case downloads as a zip."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile

from borderless.api.auth import AUTH
from borderless.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.links import read_links
from borderless.trust import casework_views as views
from borderless.trust import evidence, takedowns
from borderless.trust.casework_models import Case, CounterNotice, Notice, NoticeReason

router = Router(tags=["notices"], auth=AUTH)
ops_router = Router(tags=["notices"], auth=AUTH)

NOTICE_ERRORS = WRITE_ERRORS | {409}


class EvidenceFileOut(Schema):
    id: UUID
    name: str
    content_type: str
    size_bytes: int
    sha256: str


class CaseOut(Schema):
    id: UUID
    listing: UUID
    listing_title: str
    seller: UUID
    status: str
    resolution: str
    taken_down_at: datetime
    counter_deadline: datetime
    countered_at: datetime | None
    pursuit_deadline: datetime | None
    pursued_at: datetime | None
    closed_at: datetime | None


class CounterNoticeOut(Schema):
    id: UUID
    notice: UUID
    seller: UUID
    statement: str
    filed_at: datetime
    evidence: list[EvidenceFileOut]


class NoticeOut(Schema):
    id: UUID
    brand: UUID
    brand_name: str
    reason: str
    statement: str
    fast_tracked: bool
    filed_at: datetime
    cases: list[CaseOut]
    evidence: list[EvidenceFileOut]
    counter_notices: list[CounterNoticeOut]


def _file(f) -> EvidenceFileOut:
    return EvidenceFileOut(
        id=f.public_id,
        name=f.original_name,
        content_type=f.content_type,
        size_bytes=f.size_bytes,
        sha256=f.sha256,
    )


def _case(case: Case) -> CaseOut:
    return CaseOut(
        id=case.public_id,
        listing=case.product.public_id,
        listing_title=case.product.title_en,
        seller=case.seller.public_id,
        status=case.status,
        resolution=case.resolution,
        taken_down_at=case.taken_down_at,
        counter_deadline=case.counter_deadline,
        countered_at=case.countered_at,
        pursuit_deadline=case.pursuit_deadline,
        pursued_at=case.pursued_at,
        closed_at=case.closed_at,
    )


def _counter(counter: CounterNotice, files) -> CounterNoticeOut:
    return CounterNoticeOut(
        id=counter.public_id,
        notice=counter.notice.public_id,
        seller=counter.seller.public_id,
        statement=counter.statement,
        filed_at=counter.filed_at,
        evidence=[_file(f) for f in files],
    )


def _notice(view: views.NoticeView) -> NoticeOut:
    notice: Notice = view.notice
    return NoticeOut(
        id=notice.public_id,
        brand=notice.brand.public_id,
        brand_name=notice.brand.name_en,
        reason=notice.reason,
        statement=notice.statement,
        fast_tracked=notice.fast_tracked,
        filed_at=notice.filed_at,
        cases=[_case(c) for c in view.cases],
        evidence=[_file(f) for f in view.evidence],
        counter_notices=[_counter(c, files) for c, files in view.counter_notices],
    )


def _conflict(exc: takedowns.CaseworkConflict) -> ApiError:
    return ApiError(409, exc.message, details=exc.details)


class NoticeForm(Schema):
    brand: UUID
    reason: Literal[tuple(NoticeReason.values)]
    statement: str
    listings: list[str]


@router.post(
    "/notices",
    response={201: NoticeOut, NOTICE_ERRORS: Error},
    openapi_extra=read_links(201, "notices", get_notice={"notice_id": "$response.body#/id"}),
)
def file_notice(request: HttpRequest, form: Form[NoticeForm], evidence: File[list[UploadedFile]] = None):
    """File a notice (multipart form) against 1 to 300 listings (`listings`, repeated) of any sellers, for a
    verified brand you own, with evidence files (`evidence`, repeated: JPEG, PNG, WebP, GIF or PDF, at most
    10 MB each, up to 10). The listings leave the storefront, search, API and cart at once. 409 when a listing
    is already under an open notice of the brand; nothing is created on any error."""
    try:
        notice = takedowns.file_notice(
            request.auth, form.brand, form.listings, form.reason, form.statement, evidence or []
        )
    except takedowns.CaseworkConflict as exc:
        raise _conflict(exc) from None
    return Status(201, _notice(views.notice_for(request.auth, notice.public_id)))


@router.get("/notices/{notice_id}", response={200: NoticeOut, READ_ERRORS: Error})
def get_notice(request: HttpRequest, notice_id: UUID):
    """A notice as the caller may see it: the brand owner sees all of it and the evidence sellers shared;
    a seller sees only its own cases and never the complainant's evidence files; operators see everything."""
    return _notice(views.notice_for(request.auth, notice_id))


class CounterNoticeForm(Schema):
    statement: str


@router.post("/notices/{notice_id}/counter-notices", response={201: CounterNoticeOut, NOTICE_ERRORS: Error})
def file_counter_notice(
    request: HttpRequest,
    notice_id: UUID,
    form: Form[CounterNoticeForm],
    evidence_for_brand: File[list[UploadedFile]] = None,
    evidence_for_operators: File[list[UploadedFile]] = None,
):
    """Answer a notice naming your listings, within 3 business days (multipart form). Files in
    `evidence_for_brand` are shown to the brand owner; `evidence_for_operators` only to Borderless."""
    try:
        counter = takedowns.file_counter_notice(
            request.auth, notice_id, form.statement, evidence_for_brand or [], evidence_for_operators or []
        )
    except takedowns.CaseworkConflict as exc:
        raise _conflict(exc) from None
    return Status(201, _counter(counter, counter.evidence_files.all()))


class PursuitIn(Schema):
    kind: Literal["complaint", "lawsuit"]
    reference: str


@router.post("/cases/{case_id}/pursuit", response={200: CaseOut, NOTICE_ERRORS: Error})
def report_pursuit(request: HttpRequest, case_id: UUID, payload: PursuitIn):
    """Brand owner: report the complaint or suit filed within 15 days of the counter-notice; the listing
    stays down until an operator decides. Without it, the listing is restored after 15 days."""
    try:
        case = takedowns.report_pursuit(request.auth, case_id, payload.kind, payload.reference)
    except takedowns.CaseworkConflict as exc:
        raise _conflict(exc) from None
    return _case(Case.objects.select_related("product", "seller").get(pk=case.pk))


class DecisionIn(Schema):
    uphold: bool
    note: str = ""


@ops_router.post("/cases/{case_id}/decision", response={200: CaseOut, NOTICE_ERRORS: Error})
def decide_case(request: HttpRequest, case_id: UUID, payload: DecisionIn):
    """Operator: decide a disputed case. Upheld: the listing stays down and the seller gets a strike;
    rejected: the listing is restored."""
    try:
        case = takedowns.decide_case(request.auth, case_id, payload.uphold, payload.note[:500])
    except takedowns.CaseworkConflict as exc:
        raise _conflict(exc) from None
    return _case(Case.objects.select_related("product", "seller").get(pk=case.pk))


@router.get(
    "/cases/{case_id}/evidence",
    response={200: None, READ_ERRORS: Error},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The case's evidence bundle with its chained SHA-256 manifest.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def case_evidence(request: HttpRequest, case_id: UUID):
    """The evidence bundle of a case (zip) for the brand owner who filed it or an operator: every version
    of the listing as buyers saw it (HTML and JSON) with its images, the seller's identity and verification
    records, related orders with buyer data masked, the notice and counter-notices, and `manifest.json`
    whose entries chain the SHA-256 of every file (verify with `borderless evidence verify`)."""
    case = views.case_for_evidence(request.auth, case_id)
    body = evidence.build_bundle(case, viewer=request.auth)
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="case-{case.public_id}.zip"'
    return response
