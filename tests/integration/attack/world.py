"""Two tenants of every role, each holding real objects: for the fuzzing, the tenant matrix and the corpus.

Tenant "a" and tenant "b" of the same role hold the same kinds of things: a seller has a published product, a
draft and a listing held by a brand's notice; a buyer has a paid order (with its payment, checkout and customs
declaration); a brand owner has a verified brand with a document, a notice and its evidence file. Everything
is made through the services, as the platform's users would make it.
"""

import itertools
from dataclasses import dataclass, field

from borderless.accounts import services as accounts
from borderless.conversations import services as conversations
from borderless.customs.models import CustomsMessage, Declaration
from borderless.events import outbox
from borderless.notifications.models import Notice
from borderless.orders import services as orders
from borderless.payments.services import sandbox_complete, start_payment
from borderless.trust import takedowns
from borderless.trust.casework_models import EvidenceFile
from borderless.trust.screening import screen_listing
from casework_support import STATEMENT, png
from factories import (
    ADDRESS,
    IDENTITY,
    make_buyer,
    make_operator,
    make_product,
    make_seller,
    owner_of,
    staff_of,
)
from trust_factories import make_brand, make_brand_owner

ROLES = ("anonymous", "buyer", "seller_owner", "seller_staff", "brand_owner", "operator")
_serial = itertools.count(1)


@dataclass
class Tenant:
    """One tenant's users and the public ids of what it holds (by kind: product, order, brand…)."""

    users: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


@dataclass
class World:
    a: Tenant
    b: Tenant
    operator: object

    def user(self, role: str, tenant: str = "a"):
        if role == "anonymous":
            return None
        if role == "operator":
            return self.operator
        return getattr(self, tenant).users[role]


def _paid_order(buyer, product):
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    result = orders.checkout(buyer, f"attack-{next(_serial)}", ADDRESS, IDENTITY)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    sandbox_complete(buyer, payment.public_id, "succeeded")
    outbox.deliver_due()  # the webhook: the order is paid and its customs messages are queued
    outbox.deliver_due()  # the messages leave and the sandbox gateway's receipts come back
    order = result.orders[0]
    order.refresh_from_db()
    return order, payment, result.checkout


def _tenant(name: str, state: str) -> Tenant:
    t = Tenant()
    seller = make_seller(state=state)
    owner = owner_of(seller)
    t.users.update(seller_owner=owner, seller_staff=staff_of(seller), buyer=make_buyer())
    published = make_product(seller, title_en=f"Ginseng of tenant {name}")
    draft = make_product(seller, status="draft", title_en=f"Draft secret {name}")
    held = make_product(seller, title_en=f"Held listing {name}")
    order, payment, checkout = _paid_order(t.users["buyer"], published)
    orders.add_to_cart(t.users["buyer"], published.skus.get().public_id, 1)  # a cart that holds something
    t.objects.update(seller=seller, published=published, draft=draft, held=held, order=order)
    t.ids.update(
        seller=seller.public_id,
        product=published.public_id,
        draft=draft.public_id,
        held=held.public_id,
        sku=published.skus.get().public_id,
        order=order.public_id,
        payment=payment.public_id,
        checkout=checkout.public_id,
    )
    brand_owner = make_brand_owner()
    t.users["brand_owner"] = brand_owner
    brand = make_brand(brand_owner, name_en=f"Brand {name}{next(_serial)}", name_zh="品牌")
    t.objects["brand"] = brand
    t.ids.update(brand=brand.public_id, document=brand.documents.first().public_id)
    chat = conversations.open_about_order(t.users["buyer"], order.public_id)
    asked = conversations.post_message(t.users["buyer"], chat.public_id, "什么时候发货？", [png("box.png")])
    conversations.post_message(owner, chat.public_id, "It ships within two business days.")
    t.ids.update(conversation=chat.public_id, attachment=asked.message.attachments.get().public_id)
    token, _ = accounts.create_api_token(t.users["buyer"], "attack")
    t.ids["token"] = token.public_id
    return t


def _notice(brand_tenant: Tenant, seller_tenant: Tenant) -> None:
    """The brand of one tenant takes down the held listing of the seller of the same tenant."""
    notice = takedowns.file_notice(
        brand_tenant.users["brand_owner"],
        brand_tenant.ids["brand"],
        [seller_tenant.ids["held"]],
        "counterfeit",
        STATEMENT,
        [png()],
    )
    case = notice.cases.get()
    brand_tenant.ids.update(
        notice=notice.public_id,
        case=case.public_id,
        evidence=EvidenceFile.objects.filter(notice=notice).first().public_id,
    )


def build_world() -> World:
    world = World(a=_tenant("a", "VT"), b=_tenant("b", "WI"), operator=make_operator())
    for t in (world.a, world.b):
        _notice(t, t)
        order = t.objects["order"]
        declaration = Declaration.objects.filter(order=order).first()
        if declaration is not None:
            t.ids["declaration"] = declaration.public_id
            message = CustomsMessage.objects.filter(declaration=declaration).first()
            if message is not None:
                t.ids["message"] = message.guid
        t.ids["screening"] = screen_listing(t.objects["published"]).public_id
        for kind, role in (("notification", "buyer"), ("seller_notification", "seller_owner")):
            notice = Notice.objects.filter(recipient=t.users[role], channel="inbox").first()
            if notice is not None:
                t.ids[kind] = notice.public_id
    return world
