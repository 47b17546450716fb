"""The admin's review of what ingestion suggests: accept, edit then accept, or reject, one by one or in bulk."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from claims.admin.actions import refusal, run_on_each
from claims.ingestion.decide import (
    SuggestionError,
    accept_citation,
    accept_quote,
    link_to_claim,
    reject,
    reopen,
)
from claims.models import CitationSuggestion, QuoteSuggestion
from sources.admin_display import LargeListMixin, clamped, state_label
from sources.highlight import Mark, mark_text
from sources.models import Source
from sources.widgets import NamedAutocompleteMixin, TrimmedDecimalInput

CONTEXT = 240  # characters of the source shown on each side of the suggested words
REFUSED = (SuggestionError, ValidationError)
STATUS_TONES = {"pending": "waiting", "accepted": "good", "rejected": "neutral"}


class SourceFilter(admin.SimpleListFilter):
    """Suggestions of one source (?source=ID), as linked from the source's page; lists only that one."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        chosen = self.value()
        if not (chosen and chosen.isdigit()):
            return []
        source = Source.objects.filter(pk=chosen).only("title").first()
        return [(chosen, Truncator(source.title).chars(60))] if source else []

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(source=self.value())
        return queryset


class SuggestionAdmin(LargeListMixin, NamedAutocompleteMixin, admin.ModelAdmin):
    change_form_template = "admin/claims/suggestion_change_form.html"
    formfield_overrides = {models.DecimalField: {"widget": TrimmedDecimalInput}}
    list_filter = ["status", SourceFilter]
    actions = ["accept_selected", "reject_selected", "reopen_selected"]
    decision_fields = ["status", "decided_by", "decided_at", "result"]

    class Media:
        css = {"all": ["sources/admin.css", "claims/admin.css"]}

    def accept(self, *, suggestion, by):
        raise NotImplementedError

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "decided_by").defer("source__text")

    def has_add_permission(self, request):
        return False  # suggestions come from ingesting a source

    # Decided, the numbers read as written ("at least 17 officers"), not as stored (17.0000).
    decided_numbers: tuple[tuple[str, ...], str] | None = None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.is_pending or self.decided_numbers is None:
            return fieldsets
        stored, shown = self.decided_numbers
        return [
            (name, {**options, "fields": [shown if f == stored else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return flatten_fieldsets(self.get_fieldsets(request, obj))
        return self.readonly_fields

    @admin.display(description="source", ordering="source__title")
    def source_link(self, suggestion) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:sources_source_change", args=[suggestion.source_id]),
            clamped(suggestion.source.title),
        )

    @admin.display(description="status", ordering="status")
    def status_shown(self, suggestion) -> str:
        return state_label(suggestion.get_status_display(), STATUS_TONES[suggestion.status])

    @admin.display(description="words", ordering="start")
    def words(self, suggestion) -> str:
        return clamped(str(suggestion))

    @admin.display(description="in the source")
    def in_context(self, suggestion) -> str:
        source = Source.objects.only("text").get(pk=suggestion.source_id)
        start, end = max(0, suggestion.start - CONTEXT), min(len(source.text), suggestion.end + CONTEXT)
        window = source.text[start:end]
        marked = mark_text(
            window, [Mark(suggestion.start - start, suggestion.end - start, "suggested", "quote")]
        )
        return format_html(
            '<div class="captured-text">{}{}{}</div>',
            "…" if start else "",
            marked,
            "…" if end < len(source.text) else "",
        )

    @admin.display(description="recorded as")
    def result(self, suggestion) -> str:
        return "—"

    def response_change(self, request, obj):
        for button, decide, done in (
            ("_accept", self.accept, "accepted"),
            ("_reject", reject, "rejected"),
            ("_reopen", reopen, "reopened: it waits for a decision again"),
        ):
            if button in request.POST:
                try:
                    decide(suggestion=obj, by=request.user)
                except REFUSED as error:
                    self.message_user(request, refusal(error), messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(request, f"{obj} {done}.", messages.SUCCESS)
                if button == "_reopen":
                    return HttpResponseRedirect(request.path)
                return HttpResponseRedirect(self._next_url(obj))
        return super().response_change(request, obj)

    def _next_url(self, suggestion) -> str:
        """Back to this source's pending suggestions, so that the editor goes on where they were."""
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?status__exact=pending&source={suggestion.source_id}"

    def _decide_all(self, request, queryset, decide, done: str) -> None:
        # In reading order, so that a new claim made by one suggestion can take the next ones.
        rows = queryset.order_by("source_id", "start", "pk")
        run_on_each(self, request, rows, decide, argument="suggestion", done=done, refused=REFUSED)

    @admin.action(description="Accept selected suggestions", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide_all(request, queryset, self.accept, "accepted")

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._decide_all(request, queryset, reject, "rejected")

    @admin.action(description="Reopen selected rejected suggestions", permissions=["change"])
    def reopen_selected(self, request, queryset):
        self._decide_all(request, queryset, reopen, "reopened")


@admin.register(CitationSuggestion)
class CitationSuggestionAdmin(SuggestionAdmin):
    list_display = ["cited", "relation", "span_shown", "match", "source_link", "status_shown"]
    list_filter = ["status", "relation", SourceFilter]
    search_fields = ["cited_name", "span_text", "new_actor_name", "cited_actor__name", "source__title"]
    autocomplete_fields = ["cited_actor", "cited_source"]
    readonly_fields = [
        "source_link",
        "in_context",
        "span_text",
        "cited_name",
        "match_score",
        *SuggestionAdmin.decision_fields,
    ]
    fieldsets = [
        (None, {"fields": ["source_link", "in_context", "span_text", "cited_name", "relation"]}),
        ("Relied on", {"fields": ["cited_actor", "match_score", "cited_source"]}),
        ("…or, when neither is chosen, a new actor", {"fields": [("new_actor_name", "new_actor_kind")]}),
        ("Decision", {"fields": SuggestionAdmin.decision_fields}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cited_actor", "cited_source")
            .defer("cited_source__text")
        )

    def accept(self, *, suggestion, by):
        return accept_citation(suggestion=suggestion, by=by)

    @admin.display(description="relied on", ordering="cited_name")
    def cited(self, suggestion: CitationSuggestion) -> str:
        if suggestion.cited_source_id or suggestion.cited_actor_id:
            return str(suggestion.cited_source or suggestion.cited_actor)
        return format_html(
            "{} <em>(new {})</em>", suggestion.new_actor_name, suggestion.get_new_actor_kind_display().lower()
        )

    @admin.display(description="words that say so", ordering="span_text")
    def span_shown(self, suggestion: CitationSuggestion) -> str:
        return clamped(suggestion.span_text)

    @admin.display(description="name match", ordering="match_score")
    def match(self, suggestion: CitationSuggestion) -> str:
        if suggestion.match_score is None:
            return "new actor"
        return f"{suggestion.match_score}%"

    @admin.display(description="recorded as")
    def result(self, suggestion: CitationSuggestion) -> str:
        if not suggestion.citation_id:
            return "—"
        return format_html(
            '<a href="{}">citation #{}</a>',
            reverse("admin:sources_citation_change", args=[suggestion.citation_id]),
            suggestion.citation_id,
        )


@admin.register(QuoteSuggestion)
class QuoteSuggestionAdmin(SuggestionAdmin):
    list_display = ["words", "value_shown", "about", "speaker_label", "source_link", "status_shown"]
    search_fields = ["exact", "claim_text", "claim__text", "speaker_name", "source__title"]
    autocomplete_fields = ["claim", "speaker"]
    decided_numbers = (("comparator", "value", "value_upper"), "value_shown")
    readonly_fields = [
        "source_link",
        "in_context",
        "number_text",
        "similarity",
        "proposed_with",
        *SuggestionAdmin.decision_fields,
    ]
    fieldsets = [
        (None, {"fields": ["source_link", "in_context", "exact", "number_text", "stance"]}),
        (
            "The number this account asserts",
            {"fields": [("comparator", "value", "value_upper"), ("counted", "base_value")]},
        ),
        ("Who says so", {"fields": ["speaker", ("speaker_name", "speaker_kind")]}),
        ("Which claim it is about", {"fields": [("claim", "similarity"), "claim_text", "proposed_with"]}),
        ("When the fact happened", {"fields": [("time_start", "time_end", "time_label")]}),
        ("Decision", {"fields": SuggestionAdmin.decision_fields}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "speaker")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "claim_text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 90})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def accept(self, *, suggestion, by):
        return accept_quote(suggestion=suggestion, by=by)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "claim" in form.changed_data and obj.claim_id and obj.is_pending:
            relinked = link_to_claim(suggestion=obj, claim=obj.claim)
            if relinked:
                self.message_user(
                    request,
                    f"{relinked} other pending suggestion(s) about the same event now point at “{obj.claim}”.",
                )

    @admin.display(description="proposed with")
    def proposed_with(self, suggestion: QuoteSuggestion) -> str:
        """The other suggestions about the same event: an editor sees which ones accepting this one, or
        choosing its claim, points at the same claim."""
        others = suggestion.proposed_with() if suggestion.proposal else []
        if not others:
            return "No other suggestion about this event."
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}, {})</li>',
            (
                (
                    reverse("admin:claims_quotesuggestion_change", args=[other.pk]),
                    clamped(str(other)),
                    other.source.title,
                    other.get_status_display().lower(),
                )
                for other in others
            ),
        )
        return format_html(
            '<ul class="proposed-with">{}</ul><p class="help">Accepting this one, or choosing its claim, '
            "points the pending ones at the same claim.</p>",
            items,
        )

    @admin.display(description="value")
    def value_shown(self, suggestion: QuoteSuggestion) -> str:
        return suggestion.value_display

    @admin.display(description="claim")
    def about(self, suggestion: QuoteSuggestion) -> str:
        if suggestion.claim_id:
            return clamped(suggestion.claim.text)
        return format_html("<em>new:</em> {}", clamped(suggestion.claim_text))

    @admin.display(description="speaker")
    def speaker_label(self, suggestion: QuoteSuggestion) -> str:
        if suggestion.speaker_id:
            return str(suggestion.speaker)
        return format_html("{} <em>(new)</em>", suggestion.speaker_name) if suggestion.speaker_name else "—"

    @admin.display(description="recorded as")
    def result(self, suggestion: QuoteSuggestion) -> str:
        if not suggestion.quote_id:
            return "—"
        return format_html(
            '<a href="{}">quote #{}</a> on <a href="{}">{}</a>',
            reverse("admin:claims_quote_change", args=[suggestion.quote_id]),
            suggestion.quote_id,
            reverse("admin:claims_claim_change", args=[suggestion.claim_id]),
            Truncator(suggestion.claim.text).chars(70) if suggestion.claim_id else "",
        )
