"""Quotes in a list of their own, for finding and moving them between claims."""

from django.contrib import admin

from claims import workflow
from claims.admin.base import DECIMALS, anchor_badge
from claims.models import Quote
from claims.quotes import delete_quotes, save_quote
from sources.admin import HistoryAdmin
from sources.stale_edits import StaleEditAdmin


@admin.register(Quote)
class QuoteAdmin(StaleEditAdmin, HistoryAdmin):
    formfield_overrides = DECIMALS
    list_display = ["__str__", "claim", "source", "speaker", "stance", "value_shown", "is_verified"]
    list_filter = ["is_verified", "stance", "source__kind"]
    list_select_related = ["claim", "source", "speaker"]
    search_fields = ["exact", "claim__text", "source__title", "speaker__name"]
    autocomplete_fields = ["claim", "source", "speaker"]
    readonly_fields = ["anchor_status", "start", "end"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    @admin.display(description="value", ordering="value")
    def value_shown(self, quote: Quote) -> str:
        # "approximately 40 officers", not the column's "40.0000"
        return quote.value_display

    @admin.display(description="anchor")
    def anchor_status(self, quote: Quote) -> str:
        return anchor_badge(quote)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(
            request.user, obj and obj.claim
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit(
            request.user, obj and obj.claim
        )

    def save_model(self, request, obj, form, change):
        save_quote(quote=obj, by=request.user)

    def delete_model(self, request, obj):
        delete_quotes(quotes=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        delete_quotes(quotes=queryset.select_related("claim"), by=request.user)
