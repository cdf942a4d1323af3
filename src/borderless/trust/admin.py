from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from borderless.trust.models import (
    AuthorizedSeller,
    Brand,
    BrandDocument,
    BrandProduct,
    ListingScreening,
    TrademarkRegistration,
)


class TrademarkInline(admin.TabularInline):
    model = TrademarkRegistration
    extra = 0


class DocumentInline(admin.TabularInline):
    """Documents are private files with no storage URL: link to the view that checks who asks."""

    model = BrandDocument
    extra = 0
    fields = ("download", "original_name", "content_type", "size_bytes", "sha256", "uploaded_at")
    readonly_fields = fields

    @admin.display(description="file")
    def download(self, document: BrandDocument) -> str:
        if document.pk is None:
            return ""
        url = reverse("web:brand-document", args=[document.public_id])
        return format_html('<a href="{}">{}</a>', url, document.original_name or "download")


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "owner", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("name_en", "name_zh", "aliases", "owner__email")
    readonly_fields = ("public_id", "reviewed_by", "reviewed_at", "created_at", "updated_at")
    inlines = [TrademarkInline, DocumentInline]


@admin.register(BrandProduct)
class BrandProductAdmin(admin.ModelAdmin):
    list_display = ("name_en", "brand", "msrp_amount", "msrp_currency")
    search_fields = ("name_en", "name_zh", "brand__name_en")


@admin.register(AuthorizedSeller)
class AuthorizedSellerAdmin(admin.ModelAdmin):
    list_display = ("brand", "seller", "added_at")


@admin.register(ListingScreening)
class ListingScreeningAdmin(admin.ModelAdmin):
    list_display = ("product", "seller", "verdict", "score", "decision", "is_current", "screened_at")
    list_filter = ("verdict", "decision", "is_current")
    readonly_fields = [f.name for f in ListingScreening._meta.fields]


import borderless.trust.casework_admin  # noqa: E402, F401  notice-and-takedown admin
