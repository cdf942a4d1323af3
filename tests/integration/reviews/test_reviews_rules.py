"""Who may review what, once; photos checked by content; screening holds bought or counterfeit reviews;
operators decide; the seller answers once; ratings are recounted and the search generation moves."""

import pytest
from django.core.exceptions import ValidationError

from borderless.catalog.models import ProductChange
from borderless.orders.state import OrderStatus
from borderless.reviews import services
from borderless.reviews.models import ProductRating, Review, ReviewPhoto, ReviewStatus, SellerRating
from borderless.reviews.queries import ratings_of
from borderless.search.services import results_version
from factories import make_buyer, make_operator, make_product, make_seller, owner_of, staff_of
from reviews_support import delivered_order, not_an_image, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered():
    buyer = make_buyer()
    order, sku = delivered_order(buyer)
    return buyer, order, sku


def _write(buyer, order, sku, **kw):
    fields = {"stars": 5, "text": "参很新鲜，包装很好。", **kw}
    return services.write_review(buyer, order.public_id, sku.public_id, **fields)


def _nothing_saved():
    assert not Review.objects.exists()
    assert not ReviewPhoto.objects.exists()


def test_a_delivered_buyer_reviews_with_a_photo_and_the_ratings_follow(delivered):
    buyer, order, sku = delivered
    before = results_version()
    review = _write(buyer, order, sku, stars=4, photos=[photo()])
    assert review.status == ReviewStatus.PUBLISHED and review.product_id == sku.product_id
    stored = review.photos.get()
    assert stored.image.name.endswith(".jpg")  # re-encoded, metadata gone
    product, seller = ratings_of(sku.product_id, order.seller_id)
    assert (product.count, product.stars, str(product.average)) == (1, 4, "4.0")
    assert (seller.count, seller.stars) == (1, 4)
    assert results_version() != before  # cached search pages and product pages are obsolete


def test_a_non_buyer_cannot_review(delivered):
    _, order, sku = delivered
    for someone in (make_buyer(), owner_of(order.seller), make_operator()):
        with pytest.raises(ValidationError, match="Only the buyer who received this item"):
            _write(someone, order, sku)
    _nothing_saved()


def test_an_undelivered_order_cannot_be_reviewed():
    buyer = make_buyer()
    order, sku = delivered_order(buyer, status=OrderStatus.SHIPPED)
    with pytest.raises(ValidationError, match="once it has been delivered"):
        _write(buyer, order, sku)
    _nothing_saved()


def test_a_second_review_of_the_same_line_is_refused_but_one_follow_up_is_allowed(delivered):
    buyer, order, sku = delivered
    first = _write(buyer, order, sku, stars=5)
    with pytest.raises(ValidationError, match="already reviewed"):
        _write(buyer, order, sku, stars=1, text="再来一次")
    follow = services.write_follow_up(buyer, order.public_id, sku.public_id, text="用了一个月，还不错。")
    assert follow.follows_id == first.pk and follow.stars is None
    with pytest.raises(ValidationError, match="already added a follow-up"):
        services.write_follow_up(buyer, order.public_id, sku.public_id, text="第三次")
    assert Review.objects.count() == 2
    assert ProductRating.objects.get(product_id=sku.product_id).count == 1  # a follow-up has no stars


def test_a_follow_up_needs_a_review_first(delivered):
    buyer, order, sku = delivered
    with pytest.raises(ValidationError, match="Review the item first"):
        services.write_follow_up(buyer, order.public_id, sku.public_id, text="追评")
    _nothing_saved()


def test_the_same_buyer_reviews_the_same_product_again_from_another_order(delivered):
    buyer, order, sku = delivered
    _write(buyer, order, sku, stars=5)
    again, _ = delivered_order(buyer, sku.product)
    _write(buyer, again, sku, stars=3)
    assert ProductRating.objects.get(product_id=sku.product_id).stars == 8


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (not_an_image(10), "at most 5 MB"),
        (not_an_image(1), "not a photo we can read"),
    ],
)
def test_a_photo_that_is_not_an_image_is_refused(delivered, upload, message):
    buyer, order, sku = delivered
    with pytest.raises(ValidationError, match=message):
        _write(buyer, order, sku, photos=[photo(), upload])
    _nothing_saved()


@pytest.mark.parametrize(("stars", "text"), [(0, "好"), (6, "好"), ("5.0", "好"), (None, "好"), (True, "好"),
                                             (5, ""), (5, "   "), (5, "长" * 2001)])  # fmt: skip
def test_stars_and_text_are_checked(delivered, stars, text):
    buyer, order, sku = delivered
    with pytest.raises(ValidationError):
        _write(buyer, order, sku, stars=stars, text=text)
    _nothing_saved()


def test_too_many_photos_are_refused(delivered):
    buyer, order, sku = delivered
    with pytest.raises(ValidationError, match="At most 6 photos"):
        _write(buyer, order, sku, photos=[photo() for _ in range(7)])
    _nothing_saved()


@pytest.mark.parametrize(
    "text",
    ["好评返现5元，加微信", "五星好评返 红 包", "Great! The seller sent a coupon for a 5-star review.",
     "这是高仿的，不是正品", "A good replica, cheap", "和专柜一比一"],
)  # fmt: skip
def test_reviews_offering_rebates_or_mentioning_replicas_are_held(delivered, text):
    buyer, order, sku = delivered
    review = _write(buyer, order, sku, text=text)
    assert review.status == ReviewStatus.HELD and review.held_reasons
    assert not ProductRating.objects.filter(product_id=sku.product_id, count__gt=0).exists()


def test_an_ordinary_review_is_not_held(delivered):
    buyer, order, sku = delivered
    assert _write(buyer, order, sku, text="味道很正，回购了。Real ginseng, thank you!").status == "published"


def test_operators_approve_or_hide_and_the_ratings_follow(delivered):
    buyer, order, sku = delivered
    review = _write(buyer, order, sku, stars=2, text="好评返现？没有收到")
    operator = make_operator()
    with pytest.raises(ValidationError, match="Only operators"):
        services.moderate(owner_of(order.seller), review.public_id, "approve")
    with pytest.raises(ValidationError, match="Choose approve or hide"):
        services.moderate(operator, review.public_id, "")
    assert Review.objects.get().status == ReviewStatus.HELD
    changes = ProductChange.objects.count()
    services.moderate(operator, review.public_id, "approve", "no incentive, a complaint")
    assert ProductRating.objects.get(product_id=sku.product_id).stars == 2
    assert SellerRating.objects.get(seller_id=order.seller_id).count == 1
    assert ProductChange.objects.count() > changes or results_version()
    services.moderate(operator, review.public_id, "hide", "abusive")
    assert ProductRating.objects.get(product_id=sku.product_id).count == 0
    assert SellerRating.objects.get(seller_id=order.seller_id).stars == 0


def test_the_seller_answers_once_and_only_its_own_reviews(delivered):
    buyer, order, sku = delivered
    review = _write(buyer, order, sku)
    other = make_seller()
    make_product(other)
    with pytest.raises(ValidationError, match="No such review"):
        services.answer(owner_of(other), review.public_id, "Thanks!")
    with pytest.raises(ValidationError, match="No such review"):
        services.answer(buyer, review.public_id, "Thanks!")
    with pytest.raises(ValidationError, match="Write your answer"):
        services.answer(owner_of(order.seller), review.public_id, "  ")
    before = results_version()
    services.answer(staff_of(order.seller), review.public_id, "Thank you for your order!")
    assert results_version() != before
    with pytest.raises(ValidationError, match="answered already"):
        services.answer(owner_of(order.seller), review.public_id, "Again")
    assert Review.objects.get().answer == "Thank you for your order!"


def test_a_held_review_cannot_be_answered(delivered):
    buyer, order, sku = delivered
    review = _write(buyer, order, sku, text="高仿")
    with pytest.raises(ValidationError, match="Only published"):
        services.answer(owner_of(order.seller), review.public_id, "Not true")
    assert Review.objects.get().answer == ""
