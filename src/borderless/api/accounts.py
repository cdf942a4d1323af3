"""Accounts: sign-up, API tokens, the seller's own profile and members, seller verification by operators."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import Field, Query, Router, Schema, Status

from borderless.accounts import services
from borderless.accounts.models import ApiToken, BusinessType, EmployeeBand, RevenueBand, Seller, Verification
from borderless.api.auth import AUTH
from borderless.api.errors import AUTH_ERRORS, READ_ERRORS, WRITE_ERRORS, ApiError, Error
from borderless.api.fields import Text
from borderless.catalog.services import seller_of

auth_router = Router(tags=["auth"])
seller_router = Router(tags=["seller"], auth=AUTH)
ops_router = Router(tags=["operations"], auth=AUTH)


# --- schemas ---


class BusinessIn(Schema):
    legal_name: Text(200, 1)
    display_name: Text(120) | None = None
    display_name_zh: Text(120) | None = None
    about_en: Text(5000) | None = None
    about_zh: Text(5000) | None = None
    state: Text(2, 2)
    city: Text(80, 1)
    business_type: Literal[tuple(BusinessType.values)]
    employee_band: Literal[tuple(EmployeeBand.values)]
    revenue_band: Literal[tuple(RevenueBand.values)]
    year_founded: int = Field(ge=1600, le=2100)


class ProfilePatch(Schema):
    legal_name: Text(200, 1) | None = None
    display_name: Text(120, 1) | None = None
    display_name_zh: Text(120) | None = None
    about_en: Text(5000) | None = None
    about_zh: Text(5000) | None = None
    state: Text(2, 2) | None = None
    city: Text(80, 1) | None = None
    business_type: Literal[tuple(BusinessType.values)] | None = None
    employee_band: Literal[tuple(EmployeeBand.values)] | None = None
    revenue_band: Literal[tuple(RevenueBand.values)] | None = None
    year_founded: int | None = Field(None, ge=1600, le=2100)


class SignupIn(Schema):
    email: Text(254, 1)
    password: Text(128, 1)
    role: Literal["buyer", "seller"]
    full_name: Text(120) = ""
    province: Text(2) = ""
    business: BusinessIn | None = None


class SellerOut(Schema):
    id: UUID
    legal_name: str
    display_name: str
    display_name_zh: str
    about_en: str
    about_zh: str
    state: str
    city: str
    business_type: str
    employee_band: str
    revenue_band: str
    year_founded: int
    verification_status: str
    verification_note: str
    verified_at: datetime | None
    created_at: datetime


class SignupOut(Schema):
    id: UUID
    email: str
    role: str
    seller: SellerOut | None = None


class TokenIn(Schema):
    email: Text(254, 1)
    password: Text(128, 1)
    name: Text(80) = ""


class TokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class NewTokenOut(Schema):
    id: UUID
    token: str
    name: str
    created_at: datetime


class MemberOut(Schema):
    id: UUID
    email: str
    full_name: str
    role: str
    joined_at: datetime


class ReviewIn(Schema):
    note: Text(500) = ""


class SellerPage(Schema):
    items: list[SellerOut]
    total: int


def seller_out(seller: Seller) -> SellerOut:
    return SellerOut(
        id=seller.public_id,
        **{name: getattr(seller, name) for name in SellerOut.model_fields if name != "id"},
    )


# --- auth ---


@auth_router.post("/signup", response={201: SignupOut, frozenset({400, 422}): Error}, auth=None)
def sign_up(request: HttpRequest, payload: SignupIn):
    if payload.role == "buyer":
        user = services.sign_up_buyer(payload.email, payload.password, payload.full_name, payload.province)
        return Status(201, SignupOut(id=user.public_id, email=user.email, role=user.role))
    if payload.business is None:
        raise ApiError(
            422, "A seller signs up with its business.", details={"business": ["This field is required."]}
        )
    user = services.sign_up_seller(
        payload.email, payload.password, payload.full_name, payload.business.model_dump(exclude_none=True)
    )
    seller = seller_out(user.membership.seller)
    return Status(201, SignupOut(id=user.public_id, email=user.email, role=user.role, seller=seller))


@auth_router.post("/tokens", response={201: NewTokenOut, frozenset({400, 401, 422, 429}): Error}, auth=None)
def create_token(request: HttpRequest, payload: TokenIn):
    """Trade email and password for a personal API token. The token is shown in this response only.

    Failed attempts are counted per account and per address; past the limit this answers 429.
    """
    try:
        request.POST  # noqa: B018 - the lockout handler reads it; a malformed multipart body must be a 400
    except MultiPartParserError:
        raise ApiError(400, "Send the credentials as JSON.") from None
    email = payload.email.strip().lower()
    # The lockout counts per AXES_USERNAME_FORM_FIELD, which defaults to the user model's "email": pass the
    # address under both names so the per-account counter works whichever way it is configured.
    user = authenticate(request, username=email, email=email, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer in the API's shape; the lockout middleware would otherwise swap in its HTML page.
        request.axes_locked_out = False
        raise ApiError(429, "Too many failed attempts; try again later.", code="locked_out")
    if user is None:
        raise ApiError(401, "The email address or password is wrong.", code="invalid_credentials")
    token, plain = services.create_api_token(user, payload.name)
    return Status(
        201, NewTokenOut(id=token.public_id, token=plain, name=token.name, created_at=token.created_at)
    )


@auth_router.get("/tokens", response={200: list[TokenOut], AUTH_ERRORS: Error}, auth=AUTH)
def list_tokens(request: HttpRequest):
    tokens = ApiToken.objects.filter(user=request.auth, revoked_at__isnull=True).order_by("-created_at")
    return [
        TokenOut(
            id=t.public_id, name=t.name, prefix=t.prefix, created_at=t.created_at, last_used_at=t.last_used_at
        )
        for t in tokens
    ]


@auth_router.delete("/tokens/{token_id}", response={204: None, READ_ERRORS: Error}, auth=AUTH)
def revoke_token(request: HttpRequest, token_id: UUID):
    services.revoke_api_token(request.auth, token_id)
    return Status(204, None)


# --- the seller's own organisation ---


@seller_router.get("/profile", response={200: SellerOut, AUTH_ERRORS: Error})
def get_profile(request: HttpRequest):
    return seller_out(seller_of(request.auth))


@seller_router.patch("/profile", response={200: SellerOut, WRITE_ERRORS: Error})
def update_profile(request: HttpRequest, payload: ProfilePatch):
    return seller_out(services.update_seller_profile(request.auth, payload.model_dump(exclude_none=True)))


@seller_router.get("/members", response={200: list[MemberOut], AUTH_ERRORS: Error})
def list_members(request: HttpRequest):
    seller = seller_of(request.auth)
    return [
        MemberOut(
            id=m.user.public_id,
            email=m.user.email,
            full_name=m.user.full_name,
            role=m.role,
            joined_at=m.joined_at,
        )
        for m in seller.memberships.select_related("user").order_by("joined_at", "id")
    ]


# --- operations ---


class SellerFilter(Schema):
    status: Literal[tuple(Verification.values)] | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


@ops_router.get("/sellers", response={200: SellerPage, READ_ERRORS: Error})
def list_sellers(request: HttpRequest, filters: Query[SellerFilter]):
    if not request.auth.is_operator:
        raise PermissionDenied("Only operators can review sellers.")
    limit, offset = filters.limit, filters.offset
    sellers = Seller.objects.order_by("created_at", "id")
    if filters.status:
        sellers = sellers.filter(verification_status=filters.status)
    return SellerPage(items=[seller_out(s) for s in sellers[offset : offset + limit]], total=sellers.count())


def _seller(seller_id: UUID) -> Seller:
    return Seller.objects.get(public_id=seller_id)


@ops_router.post("/sellers/{seller_id}/verify", response={200: SellerOut, WRITE_ERRORS: Error})
def verify_seller(request: HttpRequest, seller_id: UUID, payload: ReviewIn):
    if not request.auth.is_operator:  # before the lookup: a non-operator learns nothing about the id
        raise PermissionDenied("Only operators can verify sellers.")
    return seller_out(services.verify_seller(request.auth, _seller(seller_id), payload.note))


@ops_router.post("/sellers/{seller_id}/reject", response={200: SellerOut, WRITE_ERRORS: Error})
def reject_seller(request: HttpRequest, seller_id: UUID, payload: ReviewIn):
    if not request.auth.is_operator:
        raise PermissionDenied("Only operators can reject sellers.")
    return seller_out(services.reject_seller(request.auth, _seller(seller_id), payload.note))
