"""What operators see of orders. ID numbers appear masked only; the ciphertext and its index never."""

from django.contrib import admin

from borderless.orders.models import AnnualQuota, Checkout, Order, OrderLine, OrderTransition


class LineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    fields = ["sku_code", "title_en", "hs_code", "unit_price", "currency", "quantity"]
    readonly_fields = fields


class TransitionInline(admin.TabularInline):
    model = OrderTransition
    extra = 0
    can_delete = False
    fields = ["from_status", "to_status", "actor_label", "at", "note"]
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read only: status changes go through the services, which record who and when."""

    list_display = ["public_id", "seller", "buyer", "status", "landed_total", "landed_currency", "created_at"]
    list_filter = ["status", "treatment"]
    search_fields = ["public_id", "buyer__email", "seller__display_name"]
    list_select_related = ["seller", "buyer"]
    exclude = ["buyer_id_encrypted", "buyer_id_index"]
    inlines = [LineInline, TransitionInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Checkout)
class CheckoutAdmin(admin.ModelAdmin):
    list_display = ["public_id", "buyer", "status", "total", "total_currency", "created_at"]
    list_filter = ["status"]
    search_fields = ["public_id", "buyer__email"]
    exclude = ["fingerprint"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AnnualQuota)
class AnnualQuotaAdmin(admin.ModelAdmin):
    list_display = ["buyer", "year", "used"]
    search_fields = ["buyer__email"]
    readonly_fields = ["buyer", "year", "used_fen"]

    def has_add_permission(self, request) -> bool:
        return False
