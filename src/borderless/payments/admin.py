"""What operators need to see of payments in Django admin: read-only, changes go through the services."""

from django.contrib import admin

from borderless.payments.models import (
    Payment,
    PaymentEvent,
    PaymentShare,
    ReconciliationReport,
    Refund,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ShareInline(admin.TabularInline):
    model = PaymentShare
    extra = 0
    can_delete = False
    readonly_fields = ["order", "amount", "refunded"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["public_id", "status", "amount", "currency", "refunded_amount", "provider", "created_at"]
    list_filter = ["status", "provider"]
    search_fields = ["public_id", "provider_reference"]
    inlines = [ShareInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnly):
    list_display = ["event_id", "type", "provider", "received_at", "outcome"]
    list_filter = ["type", "provider"]
    search_fields = ["event_id"]


@admin.register(Refund)
class RefundAdmin(ReadOnly):
    list_display = ["public_id", "status", "amount", "currency", "requested_label", "created_at"]
    list_filter = ["status"]


@admin.register(ReconciliationReport)
class ReconciliationAdmin(ReadOnly):
    list_display = ["provider", "date", "matched", "ran_at"]
