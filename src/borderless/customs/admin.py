from django.contrib import admin

from borderless.customs.models import CustomsMessage, CustomsReceipt, Declaration


class MessageInline(admin.TabularInline):
    model = CustomsMessage
    fields = ("kind", "guid", "status", "sent_at", "answered_at", "error")
    readonly_fields = fields
    extra = 0
    can_delete = False


class ReceiptInline(admin.TabularInline):
    model = CustomsReceipt
    fields = ("kind", "code", "note", "issued_at", "received_at", "applied_at", "outcome")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ("public_id", "order", "status", "reason_code", "gateway", "created_at")
    list_filter = ("status", "gateway")
    search_fields = ("public_id", "order__public_id")
    readonly_fields = ("public_id", "order", "trade_mode", "gateway", "status", "reason_code", "reason_note",
                       "created_at", "updated_at")  # fmt: skip
    inlines = [MessageInline, ReceiptInline]

    def has_add_permission(self, request) -> bool:
        return False
