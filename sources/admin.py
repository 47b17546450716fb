from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from sources.highlight import Mark, mark_text
from sources.models import Actor, ActorAlias, Citation, Source
from sources.widgets import PrefetchedAutocompleteMixin


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "alias_list", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "wikidata_id"]
    inlines = [ActorAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, actor: Actor) -> str:
        return ", ".join(alias.name for alias in actor.aliases.all())


class CitationInline(PrefetchedAutocompleteMixin, admin.TabularInline):
    model = Citation
    fk_name = "citing"
    extra = 0
    fields = ["relation", "cited_source", "cited_actor", "span_text", "span_found"]
    readonly_fields = ["span_found"]
    autocomplete_fields = ["cited_source", "cited_actor"]
    verbose_name = "citation (this source relies on…)"
    verbose_name_plural = "citations (this source relies on…)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("citing", "cited_source", "cited_actor")
            .defer("citing__text", "cited_source__text")
        )

    @admin.display(description="found in text", boolean=True)
    def span_found(self, citation: Citation) -> bool | None:
        if not citation.span_text:
            return None
        return citation.span_start is not None


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "publisher", "published_on", "language", "status", "has_text"]
    list_filter = ["kind", "status", "language", "published_on"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "publisher__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["publisher", "authors"]
    readonly_fields = ["text_sha256", "captured_at", "marked_text", "cited_by"]
    inlines = [CitationInline]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 90})},
    }
    fieldsets = [
        (None, {"fields": ["kind", "title", "url", "publisher", "authors", "published_on", "language"]}),
        ("Status", {"fields": ["status", "status_note"]}),
        ("Captured text", {"fields": ["text", "text_sha256", "captured_at", "archive_url"]}),
        ("Reading", {"fields": ["marked_text", "cited_by"]}),
    ]

    class Media:
        css = {"all": ["sources/admin.css"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            return queryset.defer("text")
        return queryset

    @admin.display(description="text", boolean=True)
    def has_text(self, source: Source) -> bool:
        return bool(source.text_sha256)

    def text_marks(self, source: Source) -> list[Mark]:
        """Passages to mark in the captured text; the claims app adds its quotes."""
        return [
            Mark(citation.span_start, citation.span_end, f"cites {citation.cited}", "citation")
            for citation in source.citations.select_related("cited_source", "cited_actor")
            if citation.span_start is not None
        ]

    @admin.display(description="captured text, marked")
    def marked_text(self, source: Source) -> str:
        if not source.pk or not source.text:
            return "No text captured yet."
        return format_html(
            '<div class="captured-text">{}</div>', mark_text(source.text, self.text_marks(source))
        )

    @admin.display(description="cited by")
    def cited_by(self, source: Source) -> str:
        citations = source.cited_by.select_related("citing") if source.pk else []
        if not citations:
            return "No source cites this one yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> {} this source</li>',
                (
                    (reverse("admin:sources_source_change", args=[c.citing_id]), c.citing, c.relation)
                    for c in citations
                ),
            ),
        )


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["citing", "relation", "cited", "span_text"]
    list_filter = ["relation"]
    list_select_related = ["citing", "cited_source", "cited_actor"]
    search_fields = ["citing__title", "cited_source__title", "cited_actor__name", "span_text"]
    autocomplete_fields = ["citing", "cited_source", "cited_actor"]
    readonly_fields = ["span_start", "span_end"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("citing__text", "cited_source__text")
