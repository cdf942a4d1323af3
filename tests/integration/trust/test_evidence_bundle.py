"""Evidence bundles: every listing version with its images, the seller's records, masked orders, the notice
and counter-notice; the chained manifest shows any changed, added, dropped, renamed or reordered file."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from borderless.catalog import services as catalog
from borderless.trust import takedowns
from borderless.trust.evidence import GENESIS, build_bundle, chain_hash, verify_bundle
from casework_support import STATEMENT, make_brand, pdf, png
from factories import make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle_case():
    seller = make_seller()
    product = make_product(seller)
    user = owner_of(seller)
    catalog.add_image(user, product, png("front.png", "blue"))
    catalog.update_product(user, product, {"title_en": "Ginseng roots, now 1:1 mirror quality"})
    catalog.remove_image(user, product, product.images.get().pk)  # the image stays in the evidence
    brand = make_brand()
    notice = takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "counterfeit", STATEMENT, [pdf("registration.pdf")]
    )
    takedowns.file_counter_notice(
        user,
        notice.public_id,
        "Genuine goods, bought from the brand's distributor.",
        shared_evidence=[pdf("invoice.pdf")],
        private_evidence=[png("contract.png")],
    )
    return notice.cases.get()


def _rewrite(data: bytes, change) -> bytes:
    """A copy of the zip with `change(files: dict) -> dict` applied (ordered by insertion)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files = change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in files.items():
            target.writestr(name, content)
    return out.getvalue()


def _manifest(files) -> dict:
    return json.loads(files["manifest.json"])


def test_the_bundle_holds_every_version_its_images_the_seller_and_the_case(bundle_case):
    data = build_bundle(bundle_case, viewer=make_operator())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    versions = [n for n in names if n.startswith("listing/version-") and n.endswith(".json")]
    assert len(versions) == 5  # created as a draft, published, image added, title changed, image removed
    assert all(n.replace(".json", ".html") in names for n in versions)
    assert len([n for n in names if n.startswith("listing/images/")]) == 1
    html = zipfile.ZipFile(io.BytesIO(data)).read("listing/version-0004.html").decode()
    assert "1:1 mirror quality" in html and "威斯康星花旗参" in html
    assert {"seller/identity.json", "orders/orders.json", "notice/notice.json", "case.json"} <= set(names)
    assert any(n.endswith("contract.png") for n in names)  # operators see the seller's private files
    assert verify_bundle(io.BytesIO(data)).ok


def test_the_brand_owners_bundle_leaves_out_the_sellers_private_files(bundle_case):
    data = build_bundle(bundle_case, viewer=bundle_case.notice.brand.owner)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.endswith("invoice.pdf") for n in names)
    assert not any(n.endswith("contract.png") for n in names)


def test_orders_in_the_bundle_mask_the_buyer(bundle_case):
    from borderless.orders.models import OrderLine

    names = json.loads(
        zipfile.ZipFile(io.BytesIO(build_bundle(bundle_case, viewer=make_operator()))).read(
            "orders/orders.json"
        )
    )
    assert names == [] and not OrderLine.objects.exists()  # masking itself: test_buyer_name_is_masked


def test_buyer_name_is_masked():
    from borderless.trust.evidence import _mask_name

    assert _mask_name("王小明") == "王**" and _mask_name("") == ""


@pytest.mark.parametrize(
    "tamper, problem",
    [
        (
            lambda f: {**f, "seller/identity.json": f["seller/identity.json"].replace(b"Test", b"Fake")},
            "does not match",
        ),
        (lambda f: {k: v for k, v in f.items() if k != "case.json"}, "missing"),
        (lambda f: {**f, "extra.txt": b"planted"}, "not in the manifest"),
    ],
    ids=["changed file", "dropped file", "added file"],
)
def test_tampering_with_any_file_is_detected(bundle_case, tamper, problem):
    data = build_bundle(bundle_case, viewer=make_operator())
    result = verify_bundle(io.BytesIO(_rewrite(data, tamper)))
    assert not result.ok and any(problem in p for p in result.problems), result.problems


def test_reordering_the_manifest_breaks_the_chain(bundle_case):
    def swap(files):
        manifest = _manifest(files)
        manifest["entries"][0], manifest["entries"][1] = manifest["entries"][1], manifest["entries"][0]
        return {**files, "manifest.json": json.dumps(manifest).encode()}

    result = verify_bundle(io.BytesIO(_rewrite(build_bundle(bundle_case, viewer=make_operator()), swap)))
    assert not result.ok and any("chain broken" in p for p in result.problems)


def test_a_forger_who_recomputes_every_hash_is_caught_by_our_export_record(bundle_case, tmp_path):
    def forge(files):
        files = {**files, "case.json": b'{"status": "restored"}'}
        manifest, previous = _manifest(files), GENESIS
        for entry in manifest["entries"]:
            import hashlib

            entry["sha256"] = hashlib.sha256(files[entry["path"]]).hexdigest()
            previous = entry["chain"] = chain_hash(previous, entry["path"], entry["sha256"])
        manifest["head"] = previous
        return {**files, "manifest.json": json.dumps(manifest).encode()}

    genuine = tmp_path / "genuine.zip"
    genuine.write_bytes(build_bundle(bundle_case, viewer=make_operator()))
    forged = tmp_path / "forged.zip"
    forged.write_bytes(_rewrite(genuine.read_bytes(), forge))
    assert verify_bundle(forged).ok  # internally consistent ...
    call_command("evidence", "verify", str(genuine))
    call_command("evidence", "verify", str(forged), "--offline")
    with pytest.raises(CommandError):  # ... but not the bundle we exported
        call_command("evidence", "verify", str(forged))


def test_the_cli_fails_on_a_tampered_bundle(bundle_case, tmp_path):
    path = tmp_path / "bundle.zip"
    path.write_bytes(
        _rewrite(build_bundle(bundle_case, viewer=make_operator()), lambda f: {**f, "case.json": b"{}"})
    )
    with pytest.raises(CommandError, match="does NOT verify"):
        call_command("evidence", "verify", str(path), "--offline")


def test_listing_versions_are_recorded_only_when_the_content_changes():
    product = make_product(make_seller(), price_usd=Decimal("39.00"))
    user = owner_of(product.seller)
    first = product.versions.count()
    catalog.set_stock(user, product, {product.skus.get().code: 3})
    catalog.set_held_from_buyers(product, True)
    assert product.versions.count() == first
    catalog.update_product(user, product, {"description_en": "Now with a new description."})
    assert product.versions.count() == first + 1
