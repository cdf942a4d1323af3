"""Read-only ledger views for operators: the journal is changed only through the services."""

from django.contrib import admin

from borderless.ledger.models import Account, Entry, Hold, Transaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ["account", "side", "amount_minor", "currency"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "currency",
        "kind",
        "may_go_negative",
        "posted_debits",
        "posted_credits",
        "pending_debits",
        "pending_credits",
    ]
    list_filter = ["kind", "currency", "may_go_negative"]
    search_fields = ["code", "name"]


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ["idempotency_key", "kind", "memo", "created_at"]
    list_filter = ["kind"]
    search_fields = ["idempotency_key", "public_id", "memo"]
    date_hierarchy = "created_at"
    inlines = [EntryInline]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["transaction", "account", "side", "amount_minor", "currency"]
    list_filter = ["side", "currency"]
    search_fields = ["account__code", "transaction__idempotency_key"]
    list_select_related = ["transaction", "account"]
    raw_id_fields = ["transaction", "account"]


@admin.register(Hold)
class HoldAdmin(ReadOnlyAdmin):
    list_display = [
        "public_id",
        "debit_account",
        "credit_account",
        "amount_minor",
        "currency",
        "state",
        "expires_at",
    ]
    list_filter = ["state", "currency"]
    search_fields = ["public_id", "idempotency_key", "debit_account__code", "credit_account__code"]
    list_select_related = ["debit_account", "credit_account"]
