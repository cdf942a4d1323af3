from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from borderless.accounts.models import ApiToken, BuyerProfile, Invitation, Membership, Seller, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "full_name", "role", "is_staff", "is_active", "date_joined"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["public_id", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password", "public_id"]}),
        ("Profile", {"fields": ["full_name", "role"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "legal_name",
        "state",
        "city",
        "business_type",
        "verification_status",
        "created_at",
    ]
    list_filter = ["verification_status", "business_type", "state"]
    search_fields = ["display_name", "legal_name", "city"]
    readonly_fields = ["public_id", "verified_at", "verified_by", "created_at"]
    inlines = [MembershipInline]


@admin.register(BuyerProfile)
class BuyerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "country", "province", "city"]
    list_filter = ["province"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "seller", "role", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]
    readonly_fields = [
        "public_id",
        "seller",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Operators may see and revoke tokens; the secret itself is never stored."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]
    readonly_fields = ["public_id", "user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
