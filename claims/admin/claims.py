from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from claims import workflow
from claims.admin.actions import run_on_each
from claims.conflicts import close_conflict, raise_conflict, refresh_conflicts
from claims.forms import IngestForm
from claims.ingestion.suggest import ingest
from claims.models import (
    CitationSuggestion,
    Claim,
    Conflict,
    Correction,
    ExternalReview,
    Quote,
    QuoteSuggestion,
    ReviewFlag,
    StaleEditError,
)
from claims.provenance.drawing import provenance_context
from claims.provenance.graph import build_provenance, clear_review_flags, source_changed, text_recaptured
from sources import admin as sources_admin
from sources.highlight import Mark
from sources.models import Source
from sources.widgets import PrefetchedAutocompleteMixin, TrimmedDecimalInput

STALE_MESSAGE = (
    "Someone else changed this claim since you opened it. Nothing was saved: "
    "reload the page to see their changes, then make yours again."
)


DECIMALS = {models.DecimalField: {"widget": TrimmedDecimalInput}}
QUOTE_FIELDS = {**DECIMALS, models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 90})}}


def can_edit_claim(user, claim: Claim | None) -> bool:
    """Editors work on drafts and claims in review; published claims are for reviewers."""
    return claim is None or claim.is_editable or workflow.can_publish(user)


def anchor_badge(quote: Quote) -> str:
    if not quote.pk:
        return "—"
    if quote.is_verified:
        return format_html(
            '<span class="anchor-found">✔ found at characters {}–{}</span>', quote.start, quote.end
        )
    return mark_safe(
        '<strong class="anchor-missing">⚠ NOT FOUND in the source text: check the words before publishing</strong>'
    )


class FilterByFlag(admin.SimpleListFilter):
    """A yes/no filter over a boolean annotation made by ClaimQuerySet.with_flags()."""

    flag = ""

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{self.flag: self.value() == "yes"})
        return queryset


class ContestedFilter(FilterByFlag):
    title = "contested (open conflicts)"
    parameter_name = flag = "contested"


class UnverifiedFilter(FilterByFlag):
    title = "has unverified quotes"
    parameter_name = flag = "has_unverified"


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent that are made elsewhere (by detection, the workflow, a source change)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class NeedsReviewFilter(FilterByFlag):
    title = "needs re-review"
    parameter_name = flag = "needs_review"


class ReviewFlagInline(ReadOnlyInline):
    model = ReviewFlag
    fields = ["reason", "source", "raised_at", "cleared_at", "cleared_by"]
    verbose_name_plural = "re-review flags (raised when a source the claim relies on changed)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "cleared_by").defer("source__text")


class QuoteInline(PrefetchedAutocompleteMixin, admin.StackedInline):
    model = Quote
    extra = 0
    formfield_overrides = QUOTE_FIELDS
    autocomplete_fields = ["source", "speaker"]
    readonly_fields = ["anchor_status"]
    fieldsets = [
        (None, {"fields": ["source", "exact", "anchor_status", ("speaker", "stance")]}),
        ("Value this account asserts", {"fields": [("comparator", "value", "value_upper")]}),
        (
            "Time this account speaks of (when it differs from the claim's)",
            {
                "fields": [("time_start", "time_end", "time_label")],
                "classes": ["collapse"],
            },
        ),
        (
            "Context to tell repeated passages apart",
            {"fields": [("prefix", "suffix")], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description="anchor")
    def anchor_status(self, quote: Quote) -> str:
        return anchor_badge(quote)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("source", "speaker", "claim").defer("source__text")
        )

    def has_add_permission(self, request, obj=None):
        return can_edit_claim(request.user, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_edit_claim(request.user, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_edit_claim(request.user, obj) and super().has_delete_permission(request, obj)


class CorrectionInline(ReadOnlyInline):
    model = Correction
    fields = ["kind", "published_at", "note", "created_by"]
    verbose_name_plural = "correction and retraction notes"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


class ExternalReviewInline(ReadOnlyInline):
    model = ExternalReview
    fields = ["reviewer", "rating_label", "mapped", "reviewed_on", "claimant", "link"]
    show_change_link = True
    verbose_name_plural = "other fact-checkers' reviews (imported; they never replace our verdict)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer", "claimant")

    @admin.display(description="on our scale")
    def mapped(self, review: ExternalReview) -> str:
        return review.get_rating_display() if review.rating else "unmapped"

    @admin.display(description="review")
    def link(self, review: ExternalReview) -> str:
        if not review.url:
            return "—"
        return format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', review.url, review.url)


class ConflictInline(ReadOnlyInline):
    model = Conflict
    fields = ["link", "kind", "status", "opened_at", "resolved_by"]
    show_change_link = True

    def get_queryset(self, request):
        # Each row's title names its claim.
        return super().get_queryset(request).select_related("claim", "resolved_by")

    @admin.display(description="conflict")
    def link(self, conflict: Conflict) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_conflict_change", args=[conflict.pk]),
            conflict.get_kind_display(),
        )


class ClaimAdminForm(forms.ModelForm):
    # The version this form was loaded from; a save from an older one is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 90})}
        fields = Claim.EDITOR_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            submitted = cleaned.get("loaded_version")
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if submitted is None or submitted != current:
                raise ValidationError(STALE_MESSAGE, code="stale")
            self.instance.version = submitted
        return cleaned


class AmendForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="Public: shown to readers beside the claim, with today's date.",
    )


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimAdminForm
    formfield_overrides = DECIMALS
    list_display = [
        "text",
        "status",
        "rating",
        "contested",
        "has_unverified",
        "needs_review",
        "quote_count",
        "updated_at",
    ]
    list_filter = ["status", "rating", ContestedFilter, UnverifiedFilter, NeedsReviewFilter]
    search_fields = ["text", "slug", "explanation", "quotes__exact"]
    readonly_fields = ["status", "published_at", "reviewed_on", "created_by", "provenance"]
    inlines = [ReviewFlagInline, QuoteInline, ConflictInline, CorrectionInline, ExternalReviewInline]
    actions = ["submit_for_review", "return_to_draft", "publish", "correct", "retract", "mark_reviewed"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "loaded_version"]}),
        ("Structured value", {"fields": [("comparator", "value", "value_upper", "unit")]}),
        ("When and where the fact happened", {"fields": [("time_start", "time_end", "time_label"), "place"]}),
        ("Verdict", {"fields": ["rating", "explanation"]}),
        ("Workflow", {"fields": ["status", "published_at", "reviewed_on", "created_by"]}),
        ("Provenance", {"fields": ["provenance"]}),
    ]

    class Media:
        css = {"all": ["claims/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_flags().annotate(quote_count=Count("quotes"))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit_claim(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    @admin.display(boolean=True, description="contested", ordering="contested")
    def contested(self, claim: Claim) -> bool:
        return claim.contested

    @admin.display(boolean=True, description="unverified quotes", ordering="has_unverified")
    def has_unverified(self, claim: Claim) -> bool:
        return claim.has_unverified

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, claim: Claim) -> int:
        return claim.quote_count

    @admin.display(boolean=True, description="needs re-review", ordering="needs_review")
    def needs_review(self, claim: Claim) -> bool:
        return claim.needs_review

    @admin.display(description="who quoted whom")
    def provenance(self, claim: Claim) -> str:
        if not claim.pk:
            return "Save the claim with its quotes to see where it comes from."
        return render_to_string("claims/_provenance.html", provenance_context(build_provenance(claim)))

    @admin.action(
        description="Mark selected claims as re-reviewed (clear their flags)", permissions=["change"]
    )
    def mark_reviewed(self, request, queryset):
        cleared = sum(clear_review_flags(claim=claim, by=request.user) for claim in queryset)
        self.message_user(request, f"{cleared} re-review flag(s) cleared.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_conflicts(claim=form.instance)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError:
            # Lost a race between the form's version check and the save: nothing was written.
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def _run(self, request, queryset, step, done: str, **kwargs) -> None:
        run_on_each(
            self,
            request,
            queryset,
            step,
            argument="claim",
            done=done,
            refused=(workflow.WorkflowError,),
            name_rows=False,  # workflow refusals name the claim where it helps
            **kwargs,
        )

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run(request, queryset, workflow.submit_for_review, "submitted for review")

    @admin.action(description="Send selected claims back to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._run(request, queryset, workflow.return_to_draft, "sent back to draft")

    @admin.action(description="Publish selected claims", permissions=["publish"])
    def publish(self, request, queryset):
        self._run(request, queryset, workflow.publish, "published")

    @admin.action(description="Correct selected claims (with a public note)", permissions=["publish"])
    def correct(self, request, queryset):
        return self._amend(request, queryset, workflow.correct, "correct", "corrected")

    @admin.action(description="Retract selected claims (with a public note)", permissions=["publish"])
    def retract(self, request, queryset):
        return self._amend(request, queryset, workflow.retract, "retract", "retracted")

    def _amend(self, request, queryset, step, action: str, done: str):
        form = AmendForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._run(request, queryset, step, done, note=form.cleaned_data["note"])
            return None
        return TemplateResponse(
            request,
            "admin/claims/claim/amend.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{action.capitalize()} claims",
                "opts": self.model._meta,
                "claims": queryset,
                "form": form,
                "action": action,
                "verb": done,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    formfield_overrides = DECIMALS
    list_display = ["__str__", "claim", "source", "speaker", "stance", "value", "is_verified"]
    list_filter = ["is_verified", "stance", "source__kind"]
    list_select_related = ["claim", "source", "speaker"]
    search_fields = ["exact", "claim__text", "source__title", "speaker__name"]
    autocomplete_fields = ["claim", "source", "speaker"]
    readonly_fields = ["anchor_status", "start", "end"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    @admin.display(description="anchor")
    def anchor_status(self, quote: Quote) -> str:
        return anchor_badge(quote)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_edit_claim(request.user, obj and obj.claim)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_edit_claim(request.user, obj and obj.claim)

    def save_model(self, request, obj, form, change):
        previous_claim = Quote.objects.get(pk=obj.pk).claim if change else None
        super().save_model(request, obj, form, change)
        refresh_conflicts(claim=obj.claim)
        if previous_claim and previous_claim != obj.claim:
            refresh_conflicts(claim=previous_claim)

    def delete_model(self, request, obj):
        claim = obj.claim
        super().delete_model(request, obj)
        refresh_conflicts(claim=claim)

    def delete_queryset(self, request, queryset):
        claims = list(Claim.objects.filter(quotes__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for claim in claims:
            refresh_conflicts(claim=claim)


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
class ConflictAdmin(SimpleHistoryAdmin):
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


class SourceWithQuotesAdmin(sources_admin.SourceAdmin):
    """The source page, with the quotes that claims take from it marked in its text, and ingestion."""

    inlines = [*sources_admin.SourceAdmin.inlines, QuoteOnSourceInline]
    readonly_fields = [*sources_admin.SourceAdmin.readonly_fields, "suggestions"]
    fieldsets = [
        *sources_admin.SourceAdmin.fieldsets,
        ("Suggestions from ingestion", {"fields": ["suggestions"]}),
    ]

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
            form = IngestForm(request.POST, request.FILES) if request.method == "POST" else IngestForm()
        except RequestDataTooBig:
            form = IngestForm()
            form.errors["text"] = form.error_class(
                [f"The text is larger than the {settings.INGEST_MAX_TEXT_BYTES / 1_000_000:.1f} MB ingested."]
            )
        if request.method == "POST" and form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                result = ingest(
                    text=data["content"],
                    url=data["url"],
                    title=data["title"],
                    kind=data["kind"],
                    publisher=data["publisher"],
                    published_on=data["published_on"],
                    language=data["language"],
                    by=request.user,
                )
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
            "title": "Add a source from text",
            "opts": self.model._meta,
            "form": form,
            "adminform": helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
        }
        return TemplateResponse(request, "admin/sources/source/ingest.html", context)

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
        previous_status = Source.objects.get(pk=obj.pk).status if change else obj.status
        super().save_model(request, obj, form, change)
        if change and "text" in form.changed_data:
            text_recaptured(source=obj, by=request.user)
        source_changed(source=obj, previous_status=previous_status, by=request.user)

    def text_marks(self, source: Source) -> list[Mark]:
        quotes = source.quotes.filter(is_verified=True).select_related("claim")
        return [
            *super().text_marks(source),
            *(Mark(quote.start, quote.end, f"quoted for: {quote.claim}", "quote") for quote in quotes),
        ]


admin.site.unregister(Source)
admin.site.register(Source, SourceWithQuotesAdmin)


class MappedFilter(admin.SimpleListFilter):
    title = "rating mapped onto our scale"
    parameter_name = "mapped"

    def lookups(self, request, model_admin):
        return [("yes", "Mapped"), ("no", "Unmapped")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(rating="")
        if self.value() == "no":
            return queryset.filter(rating="")
        return queryset


@admin.register(ExternalReview)
class ExternalReviewAdmin(SimpleHistoryAdmin):
    """Reviews imported from other fact-checkers: the label stays theirs; editors may place it on our scale."""

    list_display = ["rating_label", "rating", "reviewer", "claim", "reviewed_on", "language"]
    list_filter = [MappedFilter, "rating", "language"]
    list_select_related = ["reviewer", "claim"]
    search_fields = ["rating_label", "claim__text", "reviewer__name", "url"]
    autocomplete_fields = ["claim", "reviewer", "claimant"]
    fields = [
        "claim",
        "reviewer",
        "url",
        "title",
        "rating_label",
        "rating",
        ("rating_value", "best_rating", "worst_rating"),
        "reviewed_on",
        "language",
        "claimant",
        "claimed_on",
        "appearance_list",
        "imported_at",
    ]
    # Everything is as the reviewer published it, but for the label's place on our scale.
    readonly_fields = [name for name in flatten_fieldsets([(None, {"fields": fields})]) if name != "rating"]

    @admin.display(description="appearances")
    def appearance_list(self, review: ExternalReview) -> str:
        return (
            format_html_join(
                mark_safe("<br>"),
                "{}",
                ((source.url or source.title,) for source in review.appearances.all()),
            )
            or "—"
        )

    def has_add_permission(self, request):
        return False  # reviews arrive through import_claimreview
