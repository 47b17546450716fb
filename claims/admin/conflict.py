"""Conflicts: the competing accounts side by side, raised by hand or closed with a note."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from claims.admin.base import anchor_badge
from claims.conflicts import close_conflict, raise_conflict
from claims.models import Conflict
from sources.admin import HistoryAdmin


class ConflictAdminForm(forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ["claim", "quotes", "status", "note"]

    def clean(self):
        cleaned = super().clean()
        status, note = cleaned.get("status"), (cleaned.get("note") or "").strip()
        if status and status != Conflict.Status.OPEN and not note:
            self.add_error("note", "Say how the conflict was resolved or why it is explained.")
        claim, quotes = (
            cleaned.get("claim") or (self.instance.claim_id and self.instance.claim),
            cleaned.get("quotes"),
        )
        if claim and quotes is not None and any(quote.claim_id != claim.pk for quote in quotes):
            self.add_error("quotes", "Every quote of a conflict must be on the conflict's claim.")
        if not self.instance.pk and quotes is not None and len(quotes) < 2:
            self.add_error("quotes", "A conflict needs at least two quotes.")
        return cleaned


@admin.register(Conflict)
class ConflictAdmin(HistoryAdmin):
    form = ConflictAdminForm
    list_display = ["claim_text", "kind", "status", "detected", "quote_count", "opened_at", "resolved_by"]
    list_filter = ["status", "kind", "detected"]
    list_select_related = ["claim", "resolved_by"]
    search_fields = ["claim__text", "note"]
    autocomplete_fields = ["claim", "quotes"]

    class Media:
        css = {"all": ["claims/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

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
        return Truncator(conflict.claim.text).chars(90)

    @admin.display(description="claim")
    def claim_link(self, conflict: Conflict) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_claim_change", args=[conflict.claim_id]),
            conflict.claim,
        )

    @admin.display(description="competing accounts")
    def accounts(self, conflict: Conflict) -> str:
        quotes = conflict.quotes.select_related("source__publisher", "speaker", "claim").defer("source__text")
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
                        f", {quote.source.published_on:%d %B %Y}" if quote.source.published_on else "",
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
        if previous.is_open and not obj.is_open:
            close_conflict(conflict=obj, status=obj.status, note=obj.note, by=request.user)
        else:
            if obj.is_open:
                obj.resolved_at = obj.resolved_by = None
            obj.save()

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)
