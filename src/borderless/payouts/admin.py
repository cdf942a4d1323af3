"""Payouts in Django admin: read-only; releases and payouts change only through the services."""

from django.contrib import admin

from borderless.payouts.models import Payout, Release


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnly):
    list_display = [
        "public_id",
        "seller",
        "payout_date",
        "amount",
        "currency",
        "status",
        "paid_at",
        "reference",
    ]
    list_filter = ["status", "provider", "payout_date"]
    search_fields = ["public_id", "reference", "seller__display_name"]


@admin.register(Release)
class ReleaseAdmin(ReadOnly):
    list_display = [
        "order",
        "seller",
        "trigger",
        "released_at",
        "gross",
        "taxes",
        "fx_rate",
        "commission",
        "net",
    ]
    list_filter = ["trigger"]
    search_fields = ["order__public_id", "seller__display_name"]
