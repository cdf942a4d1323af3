"""Evidence bundles: everything a court or an authority needs about one takedown case, in one zip, with a
manifest whose entries chain the SHA-256 of every file so that a changed, added, dropped or reordered file
shows.

Chain: entry i carries `chain = sha256(chain[i-1] + path + sha256(file))` (hex strings concatenated, the
first `chain[-1]` is 64 zeros); the manifest's `head` is the last entry's chain and is also recorded in
`EvidenceExport`, so a bundle whose every hash was recomputed by a forger no longer matches our record.
Orders are read (never written) from the orders domain: buyer data masked."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from borderless.catalog.models import ListingVersion
from borderless.trust.casework_models import Case, EvidenceExport
from borderless.trust.casework_views import notice_for
from borderless.trust.models import ListingScreening

MANIFEST = "manifest.json"
GENESIS = "0" * 64
FORMAT = "borderless-evidence/1"


def _json(data) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str).encode()


def chain_hash(previous: str, path: str, file_sha256: str) -> str:
    return hashlib.sha256(f"{previous}{path}{file_sha256}".encode()).hexdigest()


def _mask_name(name: str) -> str:
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def _listing_files(case: Case) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    kept_images: dict[str, str] = {}
    for version in ListingVersion.objects.filter(product_id=case.product_id).order_by("number"):
        stem = f"listing/version-{version.number:04d}"
        record = {
            "version": version.number,
            "recorded_at": version.recorded_at,
            "content": version.content,
            "content_sha256": version.content_hash,
        }
        files.append((f"{stem}.json", _json(record)))
        html = render_to_string("trust/evidence_listing.html", {"version": version, "c": version.content})
        files.append((f"{stem}.html", html.encode()))
        for image in version.content.get("images", []):
            if image.get("kept_as"):
                kept_images.setdefault(image["sha256"], image["kept_as"])
    for digest, kept in sorted(kept_images.items()):
        if default_storage.exists(kept):
            with default_storage.open(kept, "rb") as handle:
                files.append((f"listing/images/{digest}.jpg", handle.read()))
    screenings = ListingScreening.objects.filter(product_id=case.product_id).order_by("screened_at", "id")
    files.append(
        (
            "listing/screenings.json",
            _json(
                [
                    {
                        "screened_at": s.screened_at,
                        "content_sha256": s.content_hash,
                        "score": s.score,
                        "verdict": s.verdict,
                        "reasons": s.reasons,
                        "decision": s.decision,
                        "decided_at": s.decided_at,
                    }
                    for s in screenings
                ]
            ),
        )
    )
    return files


def _seller_file(case: Case) -> tuple[str, bytes]:
    seller = case.seller
    record = {
        "public_id": seller.public_id,
        "legal_name": seller.legal_name,
        "display_name": seller.display_name,
        "display_name_zh": seller.display_name_zh,
        "address": {"city": seller.city, "state": seller.state, "country": "US"},
        "business_type": seller.business_type,
        "year_founded": seller.year_founded,
        "registered_at": seller.created_at,
        "verification": {
            "status": seller.verification_status,
            "note": seller.verification_note,
            "verified_at": seller.verified_at,
            "verified_by": seller.verified_by.email if seller.verified_by else None,
        },
        "members": [
            {"name": m.user.full_name, "email": m.user.email, "role": m.role, "joined_at": m.joined_at}
            for m in seller.memberships.select_related("user").order_by("joined_at", "id")
        ],
        "strikes": [
            {"case": s.case.public_id, "serious": s.serious, "issued_at": s.issued_at}
            for s in seller.strikes.select_related("case").order_by("issued_at", "id")
        ],
    }
    return "seller/identity.json", _json(record)


def _orders_file(case: Case) -> tuple[str, bytes]:
    from borderless.orders.models import OrderLine  # read only: the orders that sold the listing

    lines = (
        OrderLine.objects.filter(product_public_id=case.product.public_id)
        .select_related("order")
        .order_by("order__created_at", "id")
    )
    orders = [
        {
            "order": line.order.public_id,
            "placed_at": line.order.created_at,
            "status": line.order.status,
            "paid_at": line.order.paid_at,
            "sku_code": line.sku_code,
            "title_en": line.title_en,
            "quantity": line.quantity,
            "unit_price": {"amount": str(line.unit_price), "currency": line.currency},
            "buyer": {
                "reference": hashlib.sha256(f"buyer:{line.order.buyer_id}".encode()).hexdigest()[:16],
                "name": _mask_name(line.order.buyer_name),
                "id_number": line.order.buyer_id_masked,
                "province": (line.order.address or {}).get("province", ""),
            },
        }
        for line in lines
    ]
    return "orders/orders.json", _json(orders)


def _notice_files(case: Case, viewer) -> list[tuple[str, bytes]]:
    view = notice_for(viewer, case.notice.public_id)
    notice = view.notice
    files = [
        (
            "notice/notice.json",
            _json(
                {
                    "public_id": notice.public_id,
                    "brand": notice.brand.name_en,
                    "brand_id": notice.brand.public_id,
                    "filed_by": notice.filed_by.email,
                    "reason": notice.reason,
                    "statement": notice.statement,
                    "filed_at": notice.filed_at,
                    "fast_tracked": notice.fast_tracked,
                    "evidence": [{"name": f.original_name, "sha256": f.sha256} for f in view.evidence],
                }
            ),
        ),
        (
            "case.json",
            _json(
                {
                    "public_id": case.public_id,
                    "listing": case.product.public_id,
                    "status": case.status,
                    "resolution": case.resolution,
                    "taken_down_at": case.taken_down_at,
                    "counter_deadline": case.counter_deadline,
                    "countered_at": case.countered_at,
                    "pursuit_deadline": case.pursuit_deadline,
                    "pursued_at": case.pursued_at,
                    "pursuit": {"kind": case.pursuit_kind, "reference": case.pursuit_reference},
                    "decision_note": case.decision_note,
                    "closed_at": case.closed_at,
                }
            ),
        ),
    ]
    for index, f in enumerate(view.evidence, 1):
        with f.file.open("rb") as handle:
            files.append((f"notice/evidence/{index:02d}-{f.original_name}", handle.read()))
    for counter, counter_files in view.counter_notices:
        if counter.seller_id != case.seller_id:
            continue
        stem = f"counter-notices/{counter.public_id}"
        files.append(
            (
                f"{stem}/counter-notice.json",
                _json(
                    {
                        "public_id": counter.public_id,
                        "seller": counter.seller.public_id,
                        "statement": counter.statement,
                        "filed_at": counter.filed_at,
                        "evidence": [
                            {
                                "name": f.original_name,
                                "sha256": f.sha256,
                                "shared_with_brand": f.shared_with_brand,
                            }
                            for f in counter_files
                        ],
                    }
                ),
            )
        )
        for index, f in enumerate(counter_files, 1):
            with f.file.open("rb") as handle:
                files.append((f"{stem}/evidence/{index:02d}-{f.original_name}", handle.read()))
    return files


def build_bundle(case: Case, viewer, now: datetime | None = None) -> bytes:
    """The zip of the case as the viewer may see it (the brand owner: what the notice view shows it)."""
    now = now or timezone.now()
    files = [*_notice_files(case, viewer), *_listing_files(case), _seller_file(case), _orders_file(case)]
    entries, previous = [], GENESIS
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path, data in files:
            digest = hashlib.sha256(data).hexdigest()
            previous = chain_hash(previous, path, digest)
            entries.append({"path": path, "size": len(data), "sha256": digest, "chain": previous})
            bundle.writestr(path, data)
        manifest = {
            "format": FORMAT,
            "case": str(case.public_id),
            "generated_at": now.isoformat(),
            "chain": "sha256(previous chain + path + file sha256), first previous = 64 zeros",
            "entries": entries,
            "head": previous,
        }
        bundle.writestr(MANIFEST, _json(manifest))
    EvidenceExport.objects.create(
        case=case, head=previous, files=len(entries), exported_by=viewer, exported_at=now
    )
    return buffer.getvalue()


@dataclass
class Verification:
    head: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bundle(source) -> Verification:
    """Check a bundle (path or file-like): every file's hash, the chain in order, nothing added or missing."""
    result = Verification()
    try:
        bundle = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        result.problems.append(f"not a zip file: {exc}")
        return result
    with bundle:
        names = set(bundle.namelist())
        if MANIFEST not in names:
            result.problems.append("manifest.json is missing")
            return result
        try:
            manifest = json.loads(bundle.read(MANIFEST))
            entries = manifest["entries"]
        except (ValueError, KeyError, TypeError):
            result.problems.append("manifest.json is not a readable manifest")
            return result
        previous, listed = GENESIS, set()
        for index, entry in enumerate(entries):
            path = entry.get("path", "")
            listed.add(path)
            if path not in names:
                result.problems.append(f"{path}: listed in the manifest but missing")
                continue
            digest = hashlib.sha256(bundle.read(path)).hexdigest()
            if digest != entry.get("sha256"):
                result.problems.append(f"{path}: content does not match its SHA-256")
            previous = chain_hash(previous, path, digest)
            if previous != entry.get("chain"):
                result.problems.append(f"{path}: chain broken at entry {index + 1} (changed or reordered)")
                previous = entry.get("chain", "")
        for extra in sorted(names - listed - {MANIFEST}):
            result.problems.append(f"{extra}: in the bundle but not in the manifest")
        if manifest.get("head") != previous:
            result.problems.append("the manifest's head does not match the last entry's chain")
        result.head = manifest.get("head", "")
    return result


def recorded_export(head: str) -> EvidenceExport | None:
    """The export we recorded with this head, if any: a bundle forged with recomputed hashes has none."""
    return EvidenceExport.objects.filter(head=head).select_related("case").first()
