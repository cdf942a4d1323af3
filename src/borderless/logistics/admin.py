from django.contrib import admin

from borderless.logistics.models import ExportFiling, Parcel, TrackingEvent


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ("tracking_number", "carrier", "order", "weight_g", "created_at")
    search_fields = ("tracking_number", "order__public_id")
    list_filter = ("carrier",)
    raw_id_fields = ("order",)


@admin.register(ExportFiling)
class ExportFilingAdmin(admin.ModelAdmin):
    list_display = ("order", "eei_required", "itn", "decided_at")
    list_filter = ("eei_required",)
    raw_id_fields = ("order",)


@admin.register(TrackingEvent)
class TrackingEventAdmin(admin.ModelAdmin):
    list_display = ("parcel", "status", "carrier_code", "occurred_at", "location", "source")
    list_filter = ("status", "source")
    raw_id_fields = ("parcel", "order")
