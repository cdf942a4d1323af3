"""What each party may read of a notice: one place decides, for the API, the web faces and the bundle.

- the brand owner who filed it: everything of the notice, its own evidence files, counter-notices with only
  the files the seller shared with the brand;
- a seller named in it: the notice's statement and the seller's own cases and counter-notice with all its
  files, never the complainant's evidence files, never other sellers' cases;
- operators: everything.
Anyone else: Notice.DoesNotExist (a 404 that does not reveal the notice exists)."""

from dataclasses import dataclass, field

from borderless.accounts.models import User
from borderless.trust.casework_models import Case, CounterNotice, EvidenceFile, Notice


@dataclass
class NoticeView:
    notice: Notice
    role: str  # "brand_owner", "seller" or "operator"
    cases: list[Case]
    evidence: list[EvidenceFile] = field(default_factory=list)
    counter_notices: list[tuple[CounterNotice, list[EvidenceFile]]] = field(default_factory=list)


def _role(user: User, notice: Notice) -> str:
    if not (user and user.is_authenticated):
        raise Notice.DoesNotExist
    if user.is_operator:
        return "operator"
    if notice.brand.owner_id == user.pk:
        return "brand_owner"
    membership = getattr(user, "membership", None)
    if membership is not None and notice.cases.filter(seller_id=membership.seller_id).exists():
        return "seller"
    raise Notice.DoesNotExist


def notice_for(user: User, notice_id) -> NoticeView:
    notice = Notice.objects.select_related("brand").get(public_id=notice_id)
    role = _role(user, notice)
    cases = notice.cases.select_related("product", "seller").order_by("id")
    counters = notice.counter_notices.select_related("seller", "notice").prefetch_related("evidence_files")
    if role == "seller":
        seller_id = user.membership.seller_id
        cases = cases.filter(seller_id=seller_id)
        counters = counters.filter(seller_id=seller_id)
    view = NoticeView(notice=notice, role=role, cases=list(cases))
    if role in ("brand_owner", "operator"):
        view.evidence = list(notice.evidence_files.all())
    for counter in counters:
        files = list(counter.evidence_files.all())
        if role == "brand_owner":
            files = [f for f in files if f.shared_with_brand]
        view.counter_notices.append((counter, files))
    return view


def case_for_evidence(user: User, case_id) -> Case:
    """The case whose bundle the user may download: the brand owner who filed the notice, or an operator."""
    if not (user and user.is_authenticated):
        raise Case.DoesNotExist
    cases = Case.objects.select_related("notice__brand", "product", "seller")
    if not user.is_operator:
        cases = cases.filter(notice__brand__owner=user)
    return cases.get(public_id=case_id)


def evidence_file_for(user: User, file_id) -> EvidenceFile:
    """An evidence file the user may download (the same rules as the notice view)."""
    evidence = EvidenceFile.objects.select_related("notice__brand", "counter_notice__notice__brand").get(
        public_id=file_id
    )
    notice = evidence.notice or evidence.counter_notice.notice
    role = _role(user, notice)
    if role == "operator":
        return evidence
    if role == "brand_owner" and (evidence.notice_id or evidence.shared_with_brand):
        return evidence
    if (
        role == "seller"
        and evidence.counter_notice_id
        and evidence.counter_notice.seller_id == user.membership.seller_id
    ):
        return evidence
    raise EvidenceFile.DoesNotExist
