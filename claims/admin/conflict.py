"""Conflicts: the competing accounts side by side, raised by hand or closed with a note."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from claims.admin.base import anchor_badge
from claims.conflicts import (
    PUBLISHED_CONFLICT_MESSAGE,
    check_closing,
    check_new_conflict,
    may_change_conflicts,
    raise_conflict,
    update_conflict,
)
from claims.models import Conflict
from sources.admin import HistoryAdmin
from sources.admin_display import clamped, state_label
from sources.stale_edits import StaleEditAdmin, StaleEditForm

STATUS_TONES = {
    Conflict.Status.OPEN: "poor",
    Conflict.Status.RESOLVED: "good",
    Conflict.Status.EXPLAINED: "fair",
}


class ConflictAdminForm(StaleEditForm):
    user = None  # set by ConflictAdmin.get_form: who may change conflicts depends on who asks

    class Meta:
        model = Conflict
        fields = ["claim", "quotes", "status", "note"]

    def clean(self):
        cleaned = super().clean()
        try:
            if self.instance.pk:
                check_closing(status=cleaned.get("status") or "", note=cleaned.get("note") or "")
            elif cleaned.get("claim") and cleaned.get("quotes") is not None:
                check_new_conflict(claim=cleaned["claim"], quotes=cleaned["quotes"])
        except ValidationError as error:
            self.add_error(None, error)
        claim = cleaned.get("claim") or (self.instance.claim_id and self.instance.claim)
        if claim and not may_change_conflicts(claim=claim, by=self.user):
            self.add_error(None, PUBLISHED_CONFLICT_MESSAGE)
        return cleaned


@admin.register(Conflict)
class ConflictAdmin(StaleEditAdmin, HistoryAdmin):
    form = ConflictAdminForm
    list_display = [
        "claim_text",
        "kind",
        "status_shown",
        "raised_by",
        "quote_count",
        "opened_at",
        "resolved_by",
    ]
    list_filter = ["status", "kind", "detected"]
    list_select_related = ["claim", "resolved_by"]
    search_fields = ["claim__text", "note"]
    autocomplete_fields = ["claim", "quotes"]

    class Media:
        css = {"all": ["sources/admin.css", "claims/admin.css"]}

    def get_queryset(self, request):
        # A count per row of the page, not a join grouped over every conflict before the page is cut.
        return super().get_queryset(request).with_quote_count()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_conflicts(claim=obj.claim, by=request.user))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["claim", "quotes", "note"]
        return ["claim_link", "kind", "accounts", "status", "note", "opened_at", "resolved_at", "resolved_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["claim_link", "kind", "accounts", "opened_at", "resolved_at", "resolved_by"]

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, conflict: Conflict) -> int:
        return conflict.quote_count

    @admin.display(description="claim", ordering="claim__text")
    def claim_text(self, conflict: Conflict) -> str:
        return clamped(conflict.claim.text)

    @admin.display(description="raised", ordering="detected")
    def raised_by(self, conflict: Conflict) -> str:
        return "by detection" if conflict.detected else "by hand"

    @admin.display(description="status", ordering="status")
    def status_shown(self, conflict: Conflict) -> str:
        return state_label(conflict.get_status_display(), STATUS_TONES[conflict.status])

    @admin.display(description="claim")
    def claim_link(self, conflict: Conflict) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_claim_change", args=[conflict.claim_id]),
            conflict.claim,
        )

    @admin.display(description="competing accounts")
    def accounts(self, conflict: Conflict) -> str:
        quotes = conflict.quotes.with_sources().select_related("claim")
        return format_html(
            '<div class="conflict-accounts">{}</div>',
            format_html_join(
                "",
                '<section class="account"><p class="value">{}</p><p class="stance">{}</p>'
                "<blockquote>{}</blockquote>"
                '<p class="who">{} in <a href="{}">{}</a>{}{}</p><p>{}</p></section>',
                (
                    (
                        quote.value_display or quote.get_stance_display(),
                        quote.get_stance_display(),
                        quote.exact,
                        quote.speaker or "Unattributed",
                        reverse("admin:sources_source_change", args=[quote.source_id]),
                        quote.source,
                        f", {quote.source.publisher}" if quote.source.publisher else "",
                        f", {date_format(quote.source.published_on)}" if quote.source.published_on else "",
                        anchor_badge(quote),
                    )
                    for quote in quotes
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            conflict = raise_conflict(
                claim=obj.claim, quotes=form.cleaned_data["quotes"], note=obj.note, by=request.user
            )
            obj.pk = conflict.pk
            return
        previous = Conflict.objects.get(pk=obj.pk)
        update_conflict(conflict=previous, status=obj.status, note=obj.note, by=request.user)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)
