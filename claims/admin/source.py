"""The source page with the quotes claims take from it, its pending suggestions, and ingesting a text."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims.admin.base import ReadOnlyInline
from claims.forms import IngestForm
from claims.ingestion.from_url import ingest_url
from claims.ingestion.suggest import ingest
from claims.jobs import queue_ingest, queue_ingest_url
from claims.models import CitationSuggestion, Quote, QuoteSuggestion
from claims.provenance.review_flags import save_source
from sources import admin as sources_admin
from sources.highlight import Mark
from sources.models import Source


class QuoteOnSourceInline(ReadOnlyInline):
    model = Quote
    fk_name = "source"
    fields = ["claim_link", "exact", "speaker", "stance", "is_verified"]
    verbose_name_plural = "quotes from this source"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "speaker")

    @admin.display(description="claim")
    def claim_link(self, quote: Quote) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:claims_claim_change", args=[quote.claim_id]), quote.claim
        )


@admin.register(Source)
class SourceWithQuotesAdmin(sources_admin.SourceAdmin):
    """The source page, with the quotes that claims take from it marked in its text, and ingestion."""

    inlines = [*sources_admin.SourceAdmin.inlines, QuoteOnSourceInline]
    readonly_fields = [*sources_admin.SourceAdmin.readonly_fields, "suggestions", "new_capture"]
    fieldsets = [
        *sources_admin.SourceAdmin.fieldsets,
        ("Suggestions from ingestion", {"fields": ["suggestions"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        # A captured text is what was read on a day: a changed text is a new capture, never an edit.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": ["new_capture" if f == "text" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description="text")
    def new_capture(self, source: Source) -> str:
        known = {
            "source": source.pk,
            "url": source.url or "",
            "title": source.title,
            "kind": source.kind,
            "language": source.language,
        }
        if source.publisher_id:
            known["publisher"] = source.publisher.name
        if source.published_on:
            known["published_on"] = source.published_on.isoformat()
        return format_html(
            "Captured as read (below, under Reading). To record a changed text, "
            '<a href="{}?{}">capture it again</a>: it becomes a new capture of this source, its quotes '
            "are anchored again and claims that lose their words are flagged for re-review.",
            reverse("admin:sources_source_ingest"),
            urlencode(known),
        )

    def get_urls(self):
        ingest_url = path(
            "ingest/", self.admin_site.admin_view(self.ingest_view), name="sources_source_ingest"
        )
        return [ingest_url, *super().get_urls()]

    def ingest_view(self, request):
        """Add a source from pasted or uploaded text, with suggested citations and quotes."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            if request.method == "POST":
                form = IngestForm(request.POST, request.FILES)
            else:  # a source page's "capture it again" link brings what is known of the source
                form = IngestForm(
                    initial={k: v for k, v in request.GET.items() if k in IngestForm.base_fields}
                )
        except RequestDataTooBig:
            form = IngestForm()
            form.errors["text"] = form.error_class(
                [f"The text is larger than the {settings.INGEST_MAX_TEXT_BYTES / 1_000_000:.1f} MB ingested."]
            )
        if request.method == "POST" and form.is_bound and form.is_valid():
            data = form.cleaned_data
            known = {
                "url": data["url"],
                "title": data["title"],
                "kind": data["kind"],
                "publisher": data["publisher"],
                "published_on": data["published_on"],
                "by": request.user,
            }
            size = len(data["content"].encode())
            if size > settings.INGEST_BACKGROUND_BYTES:
                job = queue_ingest(
                    text=data["content"], language=data["language"] or "en", source=data["source"], **known
                )
                return self._show_job(request, job, f"The text is {size / 1_000_000:.1f} MB: it is ingested")
            if not size and settings.INGEST_URL_BACKGROUND:
                job = queue_ingest_url(language=data["language"], **known)
                return self._show_job(request, job, "The page is fetched and read")
            try:
                if data["content"]:
                    result = ingest(
                        text=data["content"],
                        language=data["language"] or "en",
                        source=data["source"],
                        **known,
                    )
                else:
                    result = ingest_url(language=data["language"], **known)
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                self.message_user(request, f"Source {result}.", messages.SUCCESS)
                for note in result.notes:
                    self.message_user(request, note, messages.INFO)
                return HttpResponseRedirect(reverse("admin:sources_source_change", args=[result.source.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add a source from text or a URL",
            "opts": self.model._meta,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
        }
        return TemplateResponse(request, "admin/sources/source/ingest.html", context)

    def _show_job(self, request, job, what: str) -> HttpResponseRedirect:
        self.message_user(
            request, f"{what} in the background. This page shows how far it got.", messages.INFO
        )
        return HttpResponseRedirect(reverse("admin:claims_job_change", args=[job.pk]))

    @admin.display(description="pending suggestions")
    def suggestions(self, source: Source) -> str:
        if not source.pk:
            return "Ingest a text to get suggestions."
        links = []
        for model in (CitationSuggestion, QuoteSuggestion):
            pending = model.objects.pending().filter(source=source).count()
            url = reverse(f"admin:claims_{model._meta.model_name}_changelist")
            links.append(
                format_html(
                    '<a href="{}?status__exact=pending&amp;source={}">{} {}</a>',
                    url,
                    source.pk,
                    pending,
                    model._meta.verbose_name_plural,
                )
            )
        return format_html_join(" and ", "{}", ((link,) for link in links))

    def save_model(self, request, obj, form, change):
        save_source(source=obj, by=request.user)

    def text_marks(self, source: Source) -> list[Mark]:
        quotes = source.quotes.filter(is_verified=True).select_related("claim")
        return [
            *super().text_marks(source),
            *(Mark(quote.start, quote.end, f"quoted for: {quote.claim}", "quote") for quote in quotes),
        ]
