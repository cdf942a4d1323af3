from django.contrib import admin

from borderless.catalog.models import Category, Product, ProductImage, RateCard, Sku


class SkuInline(admin.TabularInline):
    model = Sku
    extra = 0


class ImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["title_en", "seller", "category", "hs_code", "origin_state", "status", "updated_at"]
    list_filter = ["status", "category", "origin_state"]
    search_fields = ["title_en", "title_zh", "brand_name", "hs_code"]
    list_select_related = ["seller", "category"]
    readonly_fields = ["public_id", "created_at", "updated_at", "published_at"]
    raw_id_fields = ["seller"]
    inlines = [SkuInline, ImageInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_zh", "typical_hs_code", "position"]


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    """Read only: a seller changes its card in the seller centre or the API, where the rows are checked."""

    list_display = ["seller", "version", "updated_at", "updated_by"]
    list_select_related = ["seller", "updated_by"]
    readonly_fields = ["seller", "brackets", "version", "updated_at", "updated_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
