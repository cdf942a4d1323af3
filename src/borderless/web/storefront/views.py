"""The storefront: what a buyer in China sees. Chinese by default; every string through gettext."""

from functools import lru_cache
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from borderless.accounts.models import Seller, Verification
from borderless.accounts.regions import US_STATE_CHOICES, state_name
from borderless.catalog.landed import DESTINATIONS
from borderless.catalog.models import Category
from borderless.catalog.queries import BuyerListing, buyer_listing, sku_stock
from borderless.catalog.services import buyer_products
from borderless.conversations.services import shown_response_time
from borderless.search.cache import cached_results
from borderless.search.services import search_products
from borderless.web.pricing import DESTINATION_COOKIE, Landed, buyer_pricing
from borderless.web.templatetags.borderless import money

PAGE_SIZE = 24


def _lang() -> str:
    return "zh" if (get_language() or "zh-hans").startswith("zh") else "en"


def _landed_text(landed: Landed | None) -> dict | None:
    """A landed price as the text a card shows, formatted once here rather than in the template."""
    if landed is None:
        return None
    if not landed.allowed:
        return {"allowed": False, "refusal": landed.refusal}
    q = landed.quote
    return {
        "allowed": True,
        "total": money(q.total),
        "goods": money(q.goods_value),
        "freight": money(q.freight),
        "tax": money(q.total_tax),
    }


def _cards(products, pricing, lang):
    """What each product card shows, as text: a page of cards renders without a template lookup per card."""
    made_in = gettext("Made in %(origin)s, USA")
    cards = []
    for p in products:
        images = p.images.all()
        cards.append(
            {
                "url": reverse("web:product", args=[p.public_id]),
                "title": p.title(lang),
                "image_url": images[0].image.url if images else "",
                "made_in": made_in % {"origin": state_name(p.origin_state, lang)},
                "landed": _landed_text(pricing.landed(p, p.min_price_usd)),
                "sold_out": not p.total_stock,
                "machine_translated": lang == "zh" and p.machine_translated,
            }
        )
    return cards


@lru_cache(maxsize=256)
def _state_options(lang: str, selected: str | None) -> str:
    """The origin-state filter's options: fixed data, so built once per language and choice, not per page."""
    return format_html_join(
        "",
        '<option value="{}" {}>{}</option>',
        (
            (code, "selected" if code == selected else "", state_name(code, lang))
            for code, _ in US_STATE_CHOICES
        ),
    )


def _category_links(lang: str) -> list[dict]:
    return [
        {"slug": c.slug, "name": c.name(lang), "url": reverse("web:category", args=[c.slug])}
        for c in Category.objects.all()
    ]


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        return 1


def _listing(request, *, category: Category | None = None, template: str):
    lang = _lang()
    pricing = buyer_pricing(request)
    query = request.GET.get("q", "")[:200]
    state = request.GET.get("state") or None
    if state and state not in dict(US_STATE_CHOICES):
        state = None
    slug = category.slug if category else (request.GET.get("category") or None)
    page = _page_number(request)
    min_price_usd = pricing.to_usd(request.GET.get("min_price"))
    max_price_usd = pricing.to_usd(request.GET.get("max_price"))

    def find():
        results = search_products(
            query,
            category=slug,
            state=state,
            min_price_usd=min_price_usd,
            max_price_usd=max_price_usd,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        cards = _cards(results.products, pricing, lang)
        context = {"cards": cards, "pricing": pricing, "lang": lang}
        html = render_to_string("web/storefront/_results.html", context)
        return {"html": html, "total": results.total}

    fx = pricing.fx
    inputs = [pricing.destination, pricing.currency, fx.rate, fx.date, lang, query, slug, state]
    found = cached_results("page", [*inputs, min_price_usd, max_price_usd, page], find)
    context = {
        "query": query,
        "category": category,
        "selected_category": slug,
        "selected_state": state,
        "min_price": request.GET.get("min_price", ""),
        "max_price": request.GET.get("max_price", ""),
        "categories": _category_links(lang),
        "state_options": _state_options(lang, state),
        "query_suffix": f"?q={quote(query, safe='/')}" if query else "",  # as the urlencode filter writes it
        "cards_html": mark_safe(found["html"]),  # noqa: S308 (rendered by our own template, escaped there)
        "total": found["total"],
        "page": page,
        "has_next": page * PAGE_SIZE < found["total"],
        "fx": pricing.fx,
        "pricing": pricing,
        "lang": lang,
    }
    return render(request, template, context)


def home(request):
    lang = _lang()
    pricing = buyer_pricing(request)
    newest = buyer_products().order_by("-published_at", "-id")[:12]
    return render(
        request,
        "web/storefront/home.html",
        {
            "categories": Category.objects.all(),
            "cards": _cards(newest, pricing, lang),
            "fx": pricing.fx,
            "pricing": pricing,
            "lang": lang,
        },
    )


def search(request):
    return _listing(request, template="web/storefront/search.html")


def category(request, slug: str):
    return _listing(
        request, category=get_object_or_404(Category, slug=slug), template="web/storefront/search.html"
    )


def _product_page(listing: BuyerListing, pricing, lang) -> dict:
    """What a product page shows that does not change until the listing does: rendered HTML and plain rows."""
    item = listing.product
    context = {
        "product": item,
        "title": item.title(lang),
        "description": item.description(lang),
        "category_name": item.category.name(lang),
        "images": listing.images,
        "landed": pricing.landed(item, listing.min_price_usd),
        "origin": state_name(item.origin_state, lang),
        "seller_name": item.seller.display_name_zh
        if lang == "zh" and item.seller.display_name_zh
        else item.seller.display_name,
        "fx": pricing.fx,
        "pricing": pricing,
        "lang": lang,
    }
    rows = []
    for sku in listing.skus:
        landed = pricing.landed(item, sku.price_usd)
        rows.append(
            {
                "public_id": str(sku.public_id),
                "code": sku.code,
                "option": sku.option_zh if lang == "zh" and sku.option_zh else sku.option_en,
                "total": money(landed.quote.total) if landed.allowed else "",
                "allowed": landed.allowed,
            }
        )
    return {
        "product_id": item.pk,
        "public_id": str(item.public_id),
        "seller_id": item.seller_id,
        "title": context["title"],
        "top": render_to_string("web/storefront/_product_top.html", context),
        "bottom": render_to_string("web/storefront/_product_bottom.html", context),
        "skus": rows,
    }


def product(request, public_id):
    """The listing from the cache while it is unchanged (ADR 0203); the stock of its options always live."""
    lang = _lang()
    pricing = buyer_pricing(request)
    fx = pricing.fx
    read_now: list[BuyerListing] = []

    def compute():
        listing = buyer_listing(public_id)
        if listing is None:
            return None
        read_now.append(listing)
        return _product_page(listing, pricing, lang)

    inputs = [pricing.destination, pricing.currency, fx.rate, fx.date, lang, str(public_id)]
    page = cached_results("listing", inputs, compute)
    if page is None:
        raise Http404
    # A page just built has read its SKUs' stock already; one from the cache reads it now.
    if read_now:
        stock = {str(sku.public_id): sku.stock for sku in read_now[0].skus}
    else:
        stock = sku_stock(page["product_id"])
    return render(
        request,
        "web/storefront/product.html",
        {
            "page": page,
            "top": mark_safe(page["top"]),  # noqa: S308 (rendered by our own templates, escaped there)
            "bottom": mark_safe(page["bottom"]),  # noqa: S308
            "skus": [{**row, "stock": stock.get(row["public_id"], 0)} for row in page["skus"]],
            "fx": fx,
            "pricing": pricing,
            "lang": lang,
            "response_time": shown_response_time(page.get("seller_id")),
        },
    )


def seller(request, public_id):
    lang = _lang()
    pricing = buyer_pricing(request)
    shop = get_object_or_404(Seller, public_id=public_id, verification_status=Verification.VERIFIED)
    products = buyer_products().filter(seller=shop).order_by("-published_at", "-id")[:48]
    return render(
        request,
        "web/storefront/seller.html",
        {
            "shop": shop,
            "shop_name": shop.display_name_zh if lang == "zh" and shop.display_name_zh else shop.display_name,
            "about": shop.about_zh if lang == "zh" and shop.about_zh else shop.about_en,
            "origin": state_name(shop.state, lang),
            "cards": _cards(products, pricing, lang),
            "fx": pricing.fx,
            "pricing": pricing,
            "lang": lang,
            "response_time": shown_response_time(shop.pk),
        },
    )


@require_POST
def choose_destination(request):
    """The buyer's country: landed prices, taxes and currency follow it."""
    destination = request.POST.get("destination", "")
    target = request.POST.get("next", "/")
    # Only a path of this site: anything else (another host, a bare word `redirect` would take for a view's
    # name and fail to reverse) goes home.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if destination in DESTINATIONS:
        response.set_cookie(DESTINATION_COOKIE, destination, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        messages.error(request, gettext("Choose a destination country from the list."))
    return response
