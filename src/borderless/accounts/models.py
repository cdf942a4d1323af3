"""Users, seller organisations and their members, buyers, brand owners, operators, API tokens."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderless.accounts.regions import CN_PROVINCE_CHOICES, US_STATE_CHOICES


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller")
    BRAND_OWNER = "brand_owner", _("Brand owner")
    OPERATOR = "operator", _("Operator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.OPERATOR)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.BUYER)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_operator(self) -> bool:
        return self.is_active and self.is_staff

    @property
    def is_seller(self) -> bool:
        return self.role == Role.SELLER

    @property
    def is_buyer(self) -> bool:
        return self.role == Role.BUYER


class BuyerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="buyer_profile")
    country = models.CharField(max_length=2, default="CN")
    province = models.CharField(max_length=2, choices=CN_PROVINCE_CHOICES, blank=True)
    city = models.CharField(max_length=80, blank=True)


class BusinessType(models.TextChoices):
    MANUFACTURER = "manufacturer", _("Manufacturer")
    FARM = "farm", _("Farm or ranch")
    BRAND = "brand", _("Brand")
    RETAILER = "retailer", _("Retailer")


class EmployeeBand(models.TextChoices):
    SOLO = "1", _("1 (sole proprietor)")
    MICRO = "2-9", _("2–9")
    SMALL = "10-49", _("10–49")
    MEDIUM = "50-249", _("50–249")
    LARGE = "250-499", _("250–499")


class RevenueBand(models.TextChoices):
    UNDER_100K = "lt100k", _("Under $100,000")
    TO_1M = "100k-1m", _("$100,000 – $1 million")
    TO_10M = "1m-10m", _("$1 – 10 million")
    TO_50M = "10m-50m", _("$10 – 50 million")
    OVER_50M = "gt50m", _("Over $50 million")


class Verification(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Seller(models.Model):
    """A seller organisation: the business that lists and exports goods."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    legal_name = models.CharField(max_length=200)
    display_name = models.CharField(max_length=120)
    display_name_zh = models.CharField(max_length=120, blank=True)
    about_en = models.TextField(blank=True)
    about_zh = models.TextField(blank=True)
    state = models.CharField(max_length=2, choices=US_STATE_CHOICES)
    city = models.CharField(max_length=80)
    business_type = models.CharField(max_length=20, choices=BusinessType.choices)
    employee_band = models.CharField(max_length=10, choices=EmployeeBand.choices)
    revenue_band = models.CharField(max_length=10, choices=RevenueBand.choices)
    year_founded = models.PositiveSmallIntegerField()
    verification_status = models.CharField(
        max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verification_note = models.CharField(max_length=500, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(verification_status__in=Verification.values), name="seller_verification_valid"
            ),
            models.CheckConstraint(
                condition=Q(business_type__in=BusinessType.values), name="seller_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(year_founded__gte=1600) & Q(year_founded__lte=2100),
                name="seller_year_founded_range",
            ),
        ]
        indexes = [models.Index(fields=["verification_status", "created_at"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == Verification.VERIFIED


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")


class Membership(models.Model):
    """A user works for exactly one seller organisation."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=10, choices=MemberRole.choices)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="member_role_valid")
        ]


class Invitation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.STAFF)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "email"], condition=Q(accepted_at__isnull=True), name="one_open_invitation"
            )
        ]


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token itself is shown once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
