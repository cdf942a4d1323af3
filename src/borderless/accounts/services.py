"""Account use cases: sign-up, seller organisations and members, API tokens, seller verification."""

import hashlib
import secrets
from collections.abc import Mapping
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.accounts.models import (
    ApiToken,
    BuyerProfile,
    Invitation,
    MemberRole,
    Membership,
    Role,
    Seller,
    User,
    Verification,
)
from borderless.rows import Statement, Table, link, make_all

TOKEN_PREFIX = "bl_"
INVITATION_DAYS = 14
SELLER_FIELDS = (
    "legal_name",
    "display_name",
    "display_name_zh",
    "about_en",
    "about_zh",
    "state",
    "city",
    "business_type",
    "employee_band",
    "revenue_band",
    "year_founded",
)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_user(email: str, password: str, full_name: str, role: str) -> User:
    email = (email or "").strip().lower()
    errors = {}
    try:
        validate_email(email)
    except ValidationError as exc:
        errors["email"] = exc.messages
    if not errors and User.objects.filter(email=email).exists():
        errors["email"] = [_("An account with this email address already exists.")]
    candidate = User(email=email, full_name=full_name or "", role=role)
    try:
        validate_password(password or "", candidate)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise ValidationError({"email": [_("An account with this email address already exists.")]}) from None
    return candidate


@transaction.atomic
def sign_up_buyer(email: str, password: str, full_name: str = "", province: str = "", city: str = "") -> User:
    user = _new_user(email, password, full_name, Role.BUYER)
    profile = BuyerProfile(user=user, province=province or "", city=city or "")
    profile.full_clean(exclude=["user"])
    profile.save()
    return user


@transaction.atomic
def sign_up_brand_owner(email: str, password: str, full_name: str) -> User:
    """A rights holder's account: it registers brands in the brand portal (operators verify them)."""
    if not (full_name or "").strip():
        raise ValidationError({"full_name": [_("Give the name of the person responsible for the brands.")]})
    return _new_user(email, password, full_name.strip(), Role.BRAND_OWNER)


def _apply_seller_fields(seller: Seller, fields: Mapping) -> None:
    for name in SELLER_FIELDS:
        if name in fields and fields[name] is not None:
            value = fields[name]
            setattr(seller, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def sign_up_seller(email: str, password: str, full_name: str, business: Mapping) -> User:
    """A new seller organisation with its owner. It starts pending verification."""
    seller = Seller(verification_status=Verification.PENDING)
    _apply_seller_fields(seller, business)
    if not seller.display_name:
        seller.display_name = seller.legal_name
    seller_errors = {}
    try:
        seller.full_clean()
    except ValidationError as exc:
        seller_errors = exc.message_dict
    try:
        user = _new_user(email, password, full_name, Role.SELLER)
    except ValidationError as exc:
        raise ValidationError({**exc.message_dict, **seller_errors}) from None
    if seller_errors:
        raise ValidationError(seller_errors)
    seller.save()
    Membership.objects.create(seller=seller, user=user, role=MemberRole.OWNER)
    return user


def update_seller_profile(user: User, fields: Mapping) -> Seller:
    membership = _membership(user)
    if membership.role != MemberRole.OWNER:
        raise PermissionDenied("Only the owner can change the business profile.")
    seller = membership.seller
    _apply_seller_fields(seller, fields)
    seller.full_clean()
    seller.save()
    return seller


def _membership(user: User) -> Membership:
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        raise PermissionDenied("Only members of a seller organisation can do this.")
    return membership


def invite_member(owner: User, email: str) -> tuple[Invitation, str]:
    """Invite a staff member. Returns the invitation and the one-time token for the link."""
    membership = _membership(owner)
    if membership.role != MemberRole.OWNER:
        raise PermissionDenied("Only the owner can invite members.")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from None
    if Membership.objects.filter(user__email=email).exists():
        raise ValidationError({"email": ["This person already belongs to a seller organisation."]})
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        Invitation.objects.filter(seller=membership.seller, email=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(
            seller=membership.seller,
            email=email,
            role=MemberRole.STAFF,
            token_hash=_hash(token),
            invited_by=owner,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
    return invitation, token


def find_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("seller")
        .filter(token_hash=_hash(token or ""), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise ValidationError("This invitation is invalid, used or expired.")
    return invitation


@transaction.atomic
def accept_invitation(token: str, email: str, password: str, full_name: str = "") -> User:
    """The invitee creates an account and joins the seller as staff."""
    invitation = find_invitation(token)
    if (email or "").strip().lower() != invitation.email:
        raise ValidationError({"email": ["Use the email address the invitation was sent to."]})
    user = _new_user(email, password, full_name, Role.SELLER)
    Membership.objects.create(seller=invitation.seller, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def remove_member(owner: User, member_id) -> None:
    membership = _membership(owner)
    if membership.role != MemberRole.OWNER:
        raise PermissionDenied("Only the owner can remove members.")
    target = Membership.objects.filter(seller=membership.seller, user__public_id=member_id).first()
    if target is None:
        raise ValidationError("No such member.")
    if target.role == MemberRole.OWNER:
        raise ValidationError("The owner cannot be removed.")
    target.user.is_active = False
    target.user.save(update_fields=["is_active"])
    target.delete()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token. The plain token is returned once and never stored."""
    name = (name or "").strip()[:80] or "API token"
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=plain[:10], token_hash=_hash(plain))
    return token, plain


def revoke_api_token(user: User, token_id) -> None:
    updated = ApiToken.objects.filter(user=user, public_id=token_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ApiToken.DoesNotExist


_TOKEN, _USER = Table(ApiToken, "t"), Table(User, "u")
_MEMBERSHIP, _SELLER = Table(Membership, "m"), Table(Seller, "s")


@Statement
def _token_sql(connection) -> str:
    tables = (_TOKEN, _USER, _MEMBERSHIP, _SELLER)
    select = (
        f"SELECT {', '.join(t.columns(connection) for t in tables)} "  # noqa: S608 (names from the models)
        f"FROM {_TOKEN.name} t JOIN {_USER.name} u ON u.id = t.user_id "
        f"LEFT JOIN {_MEMBERSHIP.name} m ON m.user_id = u.id "
        f"LEFT JOIN {_SELLER.name} s ON s.id = m.seller_id "
        "WHERE t.token_hash = %(hash)s AND t.revoked_at IS NULL AND u.is_active = %(active)s LIMIT 1"
    )  # the hash is unique
    if connection.vendor != "postgresql":
        return select
    # PostgreSQL marks the token used in the same statement, when its mark is older than TOKEN_USE_MARK
    # (and writes nothing otherwise); the SELECT sees the row as it was before.
    return (
        f"WITH used AS (UPDATE {_TOKEN.name} SET last_used_at = %(now)s WHERE token_hash = %(hash)s "  # noqa: S608
        "AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < %(stale)s) "
        f"AND EXISTS (SELECT 1 FROM {_USER.name} WHERE id = user_id AND is_active = %(active)s)) " + select
    )


TOKEN_USE_MARK = timedelta(minutes=5)  # how fresh a token's last-used time is kept


def user_for_token(plain: str) -> User | None:
    """The active user of a live token, with membership and seller at hand; on every API call, so one
    plain statement (rows.py) rather than a compiled queryset, which also marks the token used."""
    if not plain or not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    # On the primary even where the request reads from a replica (ADR 1102): on PostgreSQL the statement
    # marks the token used, and a hot standby refuses any statement that writes.
    connection = connections[router.db_for_write(ApiToken)]
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _token_sql(connection),
            {"hash": _hash(plain), "active": True, "now": now, "stale": now - TOKEN_USE_MARK},
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token, user, membership, seller = make_all(row, connection, _TOKEN, _USER, _MEMBERSHIP, _SELLER)
    if membership is not None:
        link(membership, "seller", seller)
    link(user, "membership", membership)
    link(token, "user", user)
    if connection.vendor != "postgresql" and (
        token.last_used_at is None or now - token.last_used_at > TOKEN_USE_MARK
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user


def _require_operator(user: User) -> None:
    if not (user and user.is_authenticated and user.is_operator):
        raise PermissionDenied("Only operators can verify sellers.")


@transaction.atomic
def verify_seller(operator: User, seller: Seller, note: str = "") -> Seller:
    _require_operator(operator)
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    seller.verification_status = Verification.VERIFIED
    seller.verification_note = (note or "")[:500]
    seller.verified_at = timezone.now()
    seller.verified_by = operator
    seller.save(update_fields=["verification_status", "verification_note", "verified_at", "verified_by"])
    return seller


@transaction.atomic
def reject_seller(operator: User, seller: Seller, note: str) -> Seller:
    _require_operator(operator)
    if not (note or "").strip():
        raise ValidationError({"note": ["Say why the seller is rejected; the seller reads this."]})
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    seller.verification_status = Verification.REJECTED
    seller.verification_note = note.strip()[:500]
    seller.verified_at = timezone.now()
    seller.verified_by = operator
    seller.save(update_fields=["verification_status", "verification_note", "verified_at", "verified_by"])
    return seller
