"""Django admin for notice and takedown: read what happened; decisions go through the ops console."""

from django.contrib import admin

from borderless.trust.casework_models import (
    Case,
    CounterNotice,
    EvidenceExport,
    Notice,
    SellerStanding,
    Strike,
)


class CaseInline(admin.TabularInline):
    model = Case
    extra = 0
    fields = (
        "product",
        "seller",
        "status",
        "resolution",
        "counter_deadline",
        "pursuit_deadline",
        "closed_at",
    )
    readonly_fields = fields
    can_delete = False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("public_id", "brand", "reason", "fast_tracked", "filed_at", "prechecked_at")
    list_filter = ("reason", "fast_tracked")
    search_fields = ("brand__name_en", "filed_by__email", "public_id")
    readonly_fields = ("public_id", "brand", "filed_by", "reason", "statement", "fast_tracked", "filed_at",
                       "prechecked_by", "prechecked_at")  # fmt: skip
    inlines = [CaseInline]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("public_id", "product", "seller", "status", "resolution", "taken_down_at", "closed_at")
    list_filter = ("status", "resolution")
    search_fields = ("public_id", "product__title_en", "seller__display_name")
    readonly_fields = [f.name for f in Case._meta.fields]


@admin.register(CounterNotice)
class CounterNoticeAdmin(admin.ModelAdmin):
    list_display = ("public_id", "notice", "seller", "filed_at")
    readonly_fields = ("public_id", "notice", "seller", "filed_by", "statement", "filed_at")


@admin.register(Strike)
class StrikeAdmin(admin.ModelAdmin):
    list_display = ("seller", "case", "serious", "issued_at")
    list_filter = ("serious",)
    readonly_fields = ("public_id", "seller", "case", "serious", "issued_at")


@admin.register(SellerStanding)
class SellerStandingAdmin(admin.ModelAdmin):
    list_display = ("seller", "level", "strikes_in_window", "serious_strikes", "updated_at")
    list_filter = ("level",)


@admin.register(EvidenceExport)
class EvidenceExportAdmin(admin.ModelAdmin):
    list_display = ("case", "head", "files", "exported_by", "exported_at")
    search_fields = ("head",)
