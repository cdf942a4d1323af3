"""Notice and takedown: a brand owner's notice takes listings down at once; the seller may answer with a
counter-notice within 3 business days; the brand owner then has 15 days to report a complaint or suit, or
the listing is restored (China E-Commerce Law art. 43). Operators decide disputed cases."""

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.accounts.models import Role, User
from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.catalog.services import seller_of
from borderless.trust.casework_models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    CounterNotice,
    EvidenceFile,
    Notice,
    NoticeReason,
    Resolution,
)
from borderless.trust.deadlines import COUNTER_NOTICE_BUSINESS_DAYS, add_business_days, pursuit_deadline
from borderless.trust.evidence_files import CheckedFile, check_evidence_files
from borderless.trust.holds import refresh_listing_hold
from borderless.trust.models import Brand
from borderless.trust.strikes import issue_strike, notice_accuracy

MAX_LISTINGS = 300
DISPUTED_STATUSES = (CaseStatus.COUNTERED, CaseStatus.PURSUED)


class CaseworkConflict(Exception):
    """The request clashes with what exists (a duplicate notice, a second counter-notice): HTTP 409."""

    def __init__(self, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


def _require_operator(user: User) -> None:
    if not (user and user.is_authenticated and user.is_operator):
        raise PermissionDenied(_("Only operators can decide cases."))


def _store(files: list[CheckedFile], **owner) -> None:
    for checked in files:
        evidence = EvidenceFile(
            original_name=checked.name,
            content_type=checked.content_type,
            size_bytes=len(checked.data),
            sha256=checked.sha256,
            **owner,
        )
        evidence.file.save(checked.name, checked.content(), save=False)
        evidence.save()


def _parse_listing_ids(listing_ids: Iterable) -> list[UUID]:
    ids, bad = [], []
    for raw in listing_ids:
        try:
            value = raw if isinstance(raw, UUID) else UUID(str(raw).strip())
        except ValueError:
            bad.append(str(raw))
            continue
        if value not in ids:
            ids.append(value)
    if bad:
        raise ValidationError({"listings": [_("Not listing ids: %(ids)s.") % {"ids": ", ".join(bad[:20])}]})
    if not ids:
        raise ValidationError({"listings": [_("Name at least one listing.")]})
    if len(ids) > MAX_LISTINGS:
        raise ValidationError(
            {"listings": [_("A notice names at most %(max)d listings.") % {"max": MAX_LISTINGS}]}
        )
    return ids


def _own_verified_brand(owner: User, brand_id) -> Brand:
    if not (owner and owner.is_authenticated and owner.role == Role.BRAND_OWNER):
        raise PermissionDenied(_("Only brand owners can file notices."))
    brand = Brand.objects.get(public_id=brand_id, owner=owner)  # another owner's brand: DoesNotExist
    if not brand.is_verified:
        raise PermissionDenied(_("The brand must be verified by Borderless before it can file notices."))
    return brand


@transaction.atomic
def file_notice(
    owner: User,
    brand_id,
    listing_ids: Iterable,
    reason: str,
    statement: str,
    evidence=(),
    now: datetime | None = None,
) -> Notice:
    """File the notice and take every named listing down in the same transaction; all or nothing."""
    now = now or timezone.now()
    brand = _own_verified_brand(owner, brand_id)
    errors = {}
    if reason not in NoticeReason.values:
        errors["reason"] = [_("Choose one of: %(r)s.") % {"r": ", ".join(NoticeReason.values)}]
    statement = (statement or "").strip()
    if not 20 <= len(statement) <= 5000:
        errors["statement"] = [_("Explain the infringement in 20 to 5,000 characters.")]
    if errors:
        raise ValidationError(errors)
    ids = _parse_listing_ids(listing_ids)
    files = check_evidence_files(evidence)
    if not files:
        raise ValidationError({"evidence": [_("Attach at least one evidence file.")]})
    # Locked in a fixed order, so two notices naming the same listings cannot both pass the duplicate check.
    products = list(Product.objects.select_for_update().filter(public_id__in=ids).order_by("pk"))
    unknown = sorted(set(ids) - {p.public_id for p in products}, key=str)
    if unknown:
        raise ValidationError(
            {"listings": [_("Unknown listings: %(ids)s.") % {"ids": ", ".join(str(u) for u in unknown[:20])}]}
        )
    already = Case.objects.filter(
        notice__brand=brand, product__in=products, status__in=OPEN_STATUSES
    ).values_list("product__public_id", flat=True)
    if already:
        raise CaseworkConflict(
            _("Some listings are already under an open notice of this brand."),
            {"listings": sorted(str(u) for u in already)},
        )
    fast_track = notice_accuracy(brand, now).fast_track
    notice = Notice.objects.create(
        brand=brand,
        filed_by=owner,
        reason=reason,
        statement=statement,
        fast_tracked=fast_track,
        prechecked_at=now if fast_track else None,
        filed_at=now,
    )
    _store(files, notice=notice)
    deadline = add_business_days(now, COUNTER_NOTICE_BUSINESS_DAYS)
    Case.objects.bulk_create(
        Case(notice=notice, product=p, seller_id=p.seller_id, taken_down_at=now, counter_deadline=deadline)
        for p in products
    )
    for product in products:  # an open case holds it: no need to ask the whole hold rule
        catalog.set_held_from_buyers(product, True)
    return notice


def seller_cases(user: User, notice_id) -> tuple[Notice, list[Case]]:
    """The notice and the caller's seller's cases in it; DoesNotExist when it names none of theirs."""
    seller = seller_of(user)
    notice = Notice.objects.select_related("brand").get(public_id=notice_id)
    cases = list(notice.cases.filter(seller=seller).select_related("product"))
    if not cases:
        raise Notice.DoesNotExist
    return notice, cases


@transaction.atomic
def file_counter_notice(
    user: User, notice_id, statement: str, shared_evidence=(), private_evidence=(), now=None
) -> CounterNotice:
    """The seller answers for its listings in the notice; the brand owner then has 15 days to pursue."""
    now = now or timezone.now()
    notice, cases = seller_cases(user, notice_id)
    statement = (statement or "").strip()
    if not 20 <= len(statement) <= 5000:
        raise ValidationError(
            {"statement": [_("Explain why the listing does not infringe (20 to 5,000 characters).")]}
        )
    shared = check_evidence_files(shared_evidence, "evidence_for_brand")
    private = check_evidence_files(private_evidence, "evidence_for_operators")
    cases = list(Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]).order_by("pk"))
    if CounterNotice.objects.filter(notice=notice, seller_id=cases[0].seller_id).exists():
        raise CaseworkConflict(_("You have already answered this notice."))
    answerable = [c for c in cases if c.status == CaseStatus.TAKEN_DOWN]
    if not answerable:
        raise CaseworkConflict(_("None of your listings in this notice awaits an answer."))
    if all(now > c.counter_deadline for c in answerable):
        raise ValidationError({"__all__": [_("The 3 business days to answer this notice have passed.")]})
    counter = CounterNotice.objects.create(
        notice=notice, seller_id=cases[0].seller_id, filed_by=user, statement=statement, filed_at=now
    )
    _store(shared, counter_notice=counter, shared_with_brand=True)
    _store(private, counter_notice=counter, shared_with_brand=False)
    Case.objects.filter(pk__in=[c.pk for c in answerable]).update(
        status=CaseStatus.COUNTERED, countered_at=now, pursuit_deadline=pursuit_deadline(now)
    )
    return counter


PURSUIT_KINDS = {"complaint": _("Complaint to an authority"), "lawsuit": _("Lawsuit filed")}


@transaction.atomic
def report_pursuit(owner: User, case_id, kind: str, reference: str, now=None) -> Case:
    """The brand owner reports a complaint or suit within 15 days of the counter-notice: the listing stays
    down until an operator decides."""
    now = now or timezone.now()
    case = (
        Case.objects.select_for_update()
        .select_related("notice__brand")
        .get(public_id=case_id, notice__brand__owner=owner)
    )
    if kind not in PURSUIT_KINDS:
        raise ValidationError({"kind": [_("Either complaint or lawsuit.")]})
    reference = (reference or "").strip()
    if not 3 <= len(reference) <= 200:
        raise ValidationError(
            {"reference": [_("Give the case or complaint reference (3 to 200 characters).")]}
        )
    if case.status != CaseStatus.COUNTERED:
        raise CaseworkConflict(_("Only a counter-noticed case can be pursued."))
    if now > case.pursuit_deadline:
        raise ValidationError({"__all__": [_("The 15 days to report a complaint or suit have passed.")]})
    case.status, case.pursued_at = CaseStatus.PURSUED, now
    case.pursuit_kind, case.pursuit_reference = kind, reference
    case.save(update_fields=["status", "pursued_at", "pursuit_kind", "pursuit_reference"])
    return case


def _close(case: Case, status: str, resolution: str, now: datetime, operator=None, note: str = "") -> None:
    case.status, case.resolution, case.closed_at = status, resolution, now
    case.decided_by, case.decision_note = operator, note
    case.save(update_fields=["status", "resolution", "closed_at", "decided_by", "decision_note"])
    if status == CaseStatus.UPHELD:
        issue_strike(case, now)
    refresh_listing_hold(case.product)


@transaction.atomic
def decide_case(operator: User, case_id, uphold: bool, note: str = "", now=None) -> Case:
    """An operator decides a disputed case: upheld stays down and strikes the seller; rejected is restored."""
    _require_operator(operator)
    now = now or timezone.now()
    case = Case.objects.select_for_update().select_related("notice", "product").get(public_id=case_id)
    if case.status not in DISPUTED_STATUSES:
        raise CaseworkConflict(_("Only a disputed case (counter-noticed or pursued) can be decided."))
    if uphold:
        _close(case, CaseStatus.UPHELD, Resolution.OPERATOR_UPHELD, now, operator, note)
    else:
        _close(case, CaseStatus.RESTORED, Resolution.OPERATOR_REJECTED, now, operator, note)
    return case


def run_deadlines(now: datetime | None = None) -> dict[str, int]:
    """Periodic: uncontested takedowns past the answer deadline are upheld; counter-noticed cases the brand
    owner did not pursue within 15 days are restored. Each case in its own transaction, locked."""
    now = now or timezone.now()
    done = {"upheld": 0, "restored": 0}
    due = [
        (CaseStatus.TAKEN_DOWN, "counter_deadline", CaseStatus.UPHELD, Resolution.UNCONTESTED, "upheld"),
        (CaseStatus.COUNTERED, "pursuit_deadline", CaseStatus.RESTORED, Resolution.NOT_PURSUED, "restored"),
    ]
    for status, deadline, to_status, resolution, tally in due:
        ids = list(
            Case.objects.filter(status=status, **{f"{deadline}__lt": now}).values_list("pk", flat=True)
        )
        for pk in ids:
            with transaction.atomic():
                case = (
                    Case.objects.select_for_update(skip_locked=True)
                    .select_related("notice", "product")
                    .filter(pk=pk, status=status)
                    .first()
                )
                if case is None:  # another worker took it, or the seller answered in the meantime
                    continue
                _close(case, to_status, resolution, now)
                done[tally] += 1
    return done


@transaction.atomic
def precheck_notice(operator: User, notice_id, accept: bool, note: str = "", now=None) -> Notice:
    """An operator checks a notice not on the fast track: accepted, it stands; rejected, its open cases are
    restored (they count against the brand owner's accuracy)."""
    _require_operator(operator)
    now = now or timezone.now()
    notice = Notice.objects.select_for_update().get(public_id=notice_id)
    if notice.prechecked_at is not None:
        raise CaseworkConflict(_("This notice has already been checked."))
    notice.prechecked_by, notice.prechecked_at = operator, now
    notice.save(update_fields=["prechecked_by", "prechecked_at"])
    if not accept:
        for case in (
            notice.cases.select_for_update()
            .select_related("notice", "product")
            .filter(status__in=OPEN_STATUSES)
        ):
            _close(case, CaseStatus.RESTORED, Resolution.OPERATOR_REJECTED, now, operator, note)
    return notice
