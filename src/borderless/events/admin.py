from django.contrib import admin

from borderless.events.models import HandledEvent, OutboxMessage


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxAdmin(ReadOnly):
    list_display = ["public_id", "topic", "aggregate", "attempts", "available_at", "sent_at", "last_error"]
    list_filter = ["topic"]


@admin.register(HandledEvent)
class HandledEventAdmin(ReadOnly):
    list_display = ["event", "handler", "handled_at"]
    list_filter = ["handler"]
