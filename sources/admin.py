from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from sources.admin_display import LargeListMixin, clamped, state_label
from sources.admin_search import IndexedSearchMixin
from sources.archive import WARC_CONTENT_TYPE, read_response
from sources.capture import CaptureError, clean_text
from sources.diff import word_diff
from sources.extraction import ExtractionError, extract_response
from sources.fetching import FetchError
from sources.highlight import Mark, mark_text
from sources.models import Actor, ActorAlias, Capture, CaptureArchive, Citation, Source, text_digest
from sources.stale_edits import StaleEditAdmin
from sources.widgets import NamedAutocompleteMixin, PrefetchedAutocompleteMixin


class HistoryAdmin(LargeListMixin, IndexedSearchMixin, NamedAutocompleteMixin, SimpleHistoryAdmin):
    """A history page that names each of its rows without a query per row, and a search that scales."""

    def history_view(self, request, object_id, extra_context=None):
        self.check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def check_object_id(self, object_id: str) -> None:
        """404 for an address whose id is no id ("abc"), as Django's change page treats it, not a 500."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            # The rows come with their foreign keys (get_history_queryset), but the title is drawn
            # from a fresh instance that would read them again; hand it the ones already loaded.
            instance = record.history_object
            for name, value in record._state.fields_cache.items():
                if name != "history_user" and value is not None:
                    setattr(instance, name, value)
            record.history_object = instance


class ActorAliasInline(admin.TabularInline):
    template = "admin/edit_inline/tabular_region.html"  # scrolls from the keyboard on a phone
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(StaleEditAdmin, HistoryAdmin):
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
    template = "admin/edit_inline/tabular_region.html"  # scrolls from the keyboard on a phone
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


class CaptureInline(admin.TabularInline):
    """Every text the source had, newest last; the page shows what changed since the one before."""

    template = "admin/edit_inline/tabular_region.html"  # scrolls from the keyboard on a phone

    model = Capture
    fields = ["captured_at", "text_sha256", "length", "archived"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "captures (each text this source had)"

    def get_queryset(self, request):
        # Each row's title names its source.
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .defer("text", "source__text")
            .annotate(
                length=Length("text"),
                has_archive=Exists(CaptureArchive.objects.filter(capture=OuterRef("pk"))),
            )
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="characters")
    def length(self, capture: Capture) -> int:
        return capture.length

    @admin.display(description="archived response")
    def archived(self, capture: Capture) -> str:
        if not capture.has_archive:
            return "pasted or uploaded, no response"
        url = reverse("admin:sources_source_archive", args=[capture.source_id, capture.pk])
        return format_html('<a href="{}">the page as fetched</a>', url)


class EditedFilter(admin.SimpleListFilter):
    title = "edited since first captured"
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return [("yes", "Edited"), ("no", "Not edited")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(capture_count__gt=1)
        if self.value() == "no":
            return queryset.filter(capture_count__lte=1)
        return queryset


# Registered by claims/admin/source.py, which adds the quotes claims take from a source and ingestion.
class SourceAdmin(StaleEditAdmin, HistoryAdmin):
    list_display = [
        "title_shown",
        "kind",
        "publisher",
        "published_on",
        "language",
        "status_shown",
        "has_text",
        "edited",
    ]
    list_filter = ["kind", "status", EditedFilter, "language", "published_on"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "publisher__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["publisher", "authors"]
    readonly_fields = ["text_sha256", "captured_at", "changes", "marked_text", "cited_by"]
    inlines = [CitationInline, CaptureInline]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 90})},
    }
    fieldsets = [
        (None, {"fields": ["kind", "title", "url", "publisher", "authors", "published_on", "language"]}),
        ("Status", {"fields": ["status", "status_note"]}),
        ("Captured text", {"fields": ["text", "text_sha256", "captured_at", "changes", "archive_url"]}),
        ("Reading", {"fields": ["marked_text", "cited_by"]}),
    ]

    class Media:
        css = {"all": ["sources/admin.css"]}

    def get_urls(self):
        archive = path(
            "<int:source_id>/captures/<int:capture_id>/archive/",
            self.admin_site.admin_view(self.archive_view),
            name="sources_source_archive",
        )
        return [archive, *super().get_urls()]

    def archive_view(self, request, source_id: int, capture_id: int):
        """The archived response a capture was read from, replayed from our WARC records, not the live page."""
        if not request.user.has_perm("sources.view_capturearchive"):
            raise PermissionDenied
        archive = (
            CaptureArchive.objects.select_related("capture__source")
            .filter(capture_id=capture_id, capture__source_id=source_id)
            .first()
        )
        if archive is None:
            raise Http404("This capture was not read from a fetched page.")
        warc = bytes(archive.warc)
        if request.GET.get("download") == "warc":
            response = HttpResponse(warc, content_type=WARC_CONTENT_TYPE)
            response["Content-Disposition"] = f'attachment; filename="capture-{capture_id}.warc.gz"'
            return response
        replayed = read_response(warc)
        text, problem = "", ""
        try:
            article = extract_response(replayed, url=replayed.url)
            text = clean_text(article.text)
        except (ExtractionError, CaptureError, FetchError) as error:
            problem = str(error)
        capture = archive.capture
        context = {
            **self.admin_site.each_context(request),
            "title": f"Archived response of {capture}",
            "opts": self.model._meta,
            "archive": archive,
            "capture": capture,
            "replayed": replayed,
            "text": text,
            "text_sha256": text_digest(text) if text else "",
            "problem": problem,
            "warc_bytes": len(warc),
            "body_bytes": len(replayed.content),
            "download": f"{request.path}?download=warc",
        }
        return TemplateResponse(request, "admin/sources/source/archive.html", context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            return queryset.defer("text").with_capture_count()
        return queryset

    @admin.display(description="title", ordering="title")
    def title_shown(self, source: Source) -> str:
        return clamped(source.title)

    @admin.display(description="status", ordering="status")
    def status_shown(self, source: Source) -> str:
        if source.status == Source.Status.CURRENT:
            return source.get_status_display()
        return state_label(
            source.get_status_display(), "bad" if source.status == "retracted" else "attention"
        )

    @admin.display(description="text captured", boolean=True)
    def has_text(self, source: Source) -> bool:
        return bool(source.text_sha256)

    @admin.display(description="edited since captured", ordering="capture_count")
    def edited(self, source: Source) -> str:
        return state_label("Edited", "attention") if source.capture_count > 1 else "—"

    @admin.display(description="changed since the previous capture")
    def changes(self, source: Source) -> str:
        previous = source.previous_capture() if source.pk else None
        if previous is None:
            return "Not edited: this is the text as first captured."
        return format_html(
            '<p>Captured {} (SHA-256 {}…), then changed to the text above on {}:</p><div class="text-diff">{}</div>',
            date_format(localtime(previous.captured_at), "DATETIME_FORMAT"),
            previous.text_sha256[:12],
            date_format(localtime(source.captured_at), "DATETIME_FORMAT"),
            word_diff(previous.text, source.text),
        )

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
class CitationAdmin(StaleEditAdmin, HistoryAdmin):
    list_display = ["citing", "relation", "cited", "span_text"]
    list_filter = ["relation"]
    list_select_related = ["citing", "cited_source", "cited_actor"]
    search_fields = ["citing__title", "cited_source__title", "cited_actor__name", "span_text"]
    autocomplete_fields = ["citing", "cited_source", "cited_actor"]
    readonly_fields = ["span_start", "span_end"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("citing__text", "cited_source__text")
