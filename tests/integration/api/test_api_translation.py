"""The API takes listings in English only; the seller reviews the machine's Chinese (`chinese_reviewed`)."""

import pytest
from api_support import ApiClient, assert_error, product_payload, token_for
from huey.contrib.djhuey import HUEY

from borderless.catalog.models import Product
from factories import make_seller, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path / "var"
    before, HUEY.immediate = HUEY.immediate, True
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    HUEY.immediate = before


def test_api_english_only_and_review(worker):
    seller = make_seller()
    api = ApiClient(token_for(owner_of(seller)))
    body = {
        "category": "honey",
        "brand_name": "Badger Bees",
        "hs_code": "0409.00",
        "title_en": "Wisconsin Raw Wildflower Honey, 1 lb",
        "description_en": "Raw honey, never heated.",
        "net_content": {"value": "454", "unit": "g"},
        "unit_weight_g": "600",
        "status": "published",
        "skus": [{"code": "H-1", "price_usd": "14.00", "stock": 5}],
    }
    with worker():
        response = api.post("/seller/products", body)
    assert response.status_code == 201, response.content
    created = response.json()
    # answered before the worker ran: the listing waits for its Chinese title to publish
    assert created["translation"]["status"] == "queued" and created["translation"]["publish_when_translated"]
    product_id = created["id"]
    shown = api.get(f"/seller/products/{product_id}").json()
    assert shown["status"] == "published" and shown["title_zh"] == "威斯康星生野花蜂蜜 1磅"
    assert shown["translation"]["machine_translated"]
    public = ApiClient().get(f"/products/{product_id}").json()
    assert public["machine_translated"] is True
    reviewed = api.patch(f"/seller/products/{product_id}", {"chinese_reviewed": True}).json()
    assert reviewed["translation"]["title_zh_origin"] == "reviewed"
    assert ApiClient().get(f"/products/{product_id}").json()["machine_translated"] is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title_en", "   "),  # empty English: nothing to translate, nothing to show
        ("title_en", ""),
        ("description_en", "Raw honey. " * 1000),  # 11,000 characters
    ],
)
def test_api_refuses_empty_english_and_overlong_descriptions_and_creates_nothing(worker, field, value):
    api = ApiClient(token_for(owner_of(make_seller())))
    body = product_payload(title_zh="", description_zh="", **{field: value})
    with worker():
        response = api.post("/seller/products", body)
    error = assert_error(response, 422)
    assert field in str(error["details"]) or field in error["message"], error
    assert not Product.objects.exists()


def test_api_keeps_html_out_of_the_chinese(worker):
    api = ApiClient(token_for(owner_of(make_seller())))
    body = product_payload(
        title_zh="",
        description_zh="",
        title_en="Vermont Pure Maple Syrup <script>alert(1)</script>, 500 ml",
        description_en='<p onclick="steal()">Boiled over a wood fire.</p><script>x()</script>',
    )
    with worker():
        response = api.post("/seller/products", body)
    assert response.status_code == 201, response.content
    shown = api.get(f"/seller/products/{response.json()['id']}").json()
    assert shown["title_zh"] == "佛蒙特纯枫糖浆 500毫升"
    assert "<" not in shown["description_zh"] and "steal" not in shown["description_zh"]
