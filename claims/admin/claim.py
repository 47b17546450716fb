"""The claim page: its quotes, conflicts, notes and flags, the verdict, the workflow actions and provenance."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from claims import workflow
from claims.admin.actions import run_on_each
from claims.admin.base import (
    DECIMALS,
    QUOTE_FIELDS,
    STATUS_TONES,
    FilterByFlag,
    ReadableNumbersMixin,
    ReadOnlyInline,
    anchor_badge,
    verdict_label,
)
from claims.conflicts import refresh_conflicts
from claims.corrections import PUBLIC_FIELDS, check_edit
from claims.models import Claim, Conflict, Correction, ExternalReview, Quote, ReviewFlag, StaleEditError
from claims.provenance.drawing import provenance_context
from claims.provenance.graph import build_provenance
from claims.provenance.review_flags import clear_review_flags
from sources.admin import HistoryAdmin
from sources.admin_display import clamped, state_label
from sources.widgets import PrefetchedAutocompleteMixin, TrimmedDecimalInput

STALE_MESSAGE = (
    "Someone else changed this claim since you opened it. Nothing was saved: "
    "reload the page to see their changes, then make yours again."
)


class ContestedFilter(FilterByFlag):
    title = "contested (open conflicts)"
    parameter_name = flag = "contested"


class UnverifiedFilter(FilterByFlag):
    title = "has unverified quotes"
    parameter_name = flag = "has_unverified"


class NeedsReviewFilter(FilterByFlag):
    title = "needs re-review"
    parameter_name = flag = "needs_review"


class ReviewFlagInline(ReadOnlyInline):
    model = ReviewFlag
    fields = ["reason", "changes", "source", "raised_at", "cleared_at", "cleared_by"]
    verbose_name_plural = "re-review flags (raised when a source the claim relies on changed)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source", "cleared_by", "previous_capture", "capture")
            .defer("source__text")
        )

    @admin.display(description="words removed and added")
    def changes(self, flag: ReviewFlag) -> str:
        diff = flag.word_diff()
        return format_html('<div class="text-diff">{}</div>', diff) if diff else "—"


class QuoteInline(ReadableNumbersMixin, PrefetchedAutocompleteMixin, admin.StackedInline):
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
        return workflow.can_edit(request.user, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return workflow.can_edit(request.user, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_edit(request.user, obj) and super().has_delete_permission(request, obj)


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
        return review.get_verdict_display() if review.verdict else "unmapped"

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
            # Before the form copies its values onto the instance, which still holds what readers see.
            check_edit(claim=self.instance, values=cleaned)
        return cleaned


class CorrectionForm(forms.ModelForm):
    """A published claim's public fields, to change, and the public note that explains the change."""

    note = forms.CharField(
        label="Public note",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Shown to readers beside the claim, dated today, with each change before and after.",
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = PUBLIC_FIELDS
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2, "cols": 90}),
            "value": TrimmedDecimalInput,
            "value_upper": TrimmedDecimalInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def _post_clean(self):
        # The workflow validates the changes on the locked row; the instance stays as readers see it.
        pass

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in PUBLIC_FIELDS}


class AmendForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="Public: shown to readers beside the claim, with today's date.",
    )


@admin.register(Claim)
class ClaimAdmin(ReadableNumbersMixin, HistoryAdmin):
    form = ClaimAdminForm
    formfield_overrides = DECIMALS
    list_display = ["sentence", "status_label", "verdict_shown", "attention", "quote_count", "updated_at"]
    list_filter = ["status", "verdict", ContestedFilter, UnverifiedFilter, NeedsReviewFilter]
    search_fields = ["text", "slug", "explanation", "quotes__exact"]
    readonly_fields = ["status", "published_at", "reviewed_on", "created_by", "provenance"]
    inlines = [ReviewFlagInline, QuoteInline, ConflictInline, CorrectionInline, ExternalReviewInline]
    actions = ["submit_for_review", "return_to_draft", "publish", "correct", "retract", "mark_reviewed"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "loaded_version"]}),
        ("Structured value", {"fields": [("comparator", "value", "value_upper", "unit")]}),
        ("When and where the fact happened", {"fields": [("time_start", "time_end", "time_label"), "place"]}),
        ("Verdict", {"fields": ["verdict", "explanation"]}),
        ("Workflow", {"fields": ["status", "published_at", "reviewed_on", "created_by"]}),
        ("Provenance", {"fields": ["provenance"]}),
    ]

    class Media:
        css = {"all": ["sources/admin.css", "claims/admin.css", "claims/provenance.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_flags().with_quote_count()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    @admin.display(description="claim", ordering="text")
    def sentence(self, claim: Claim) -> str:
        return clamped(claim.text)

    @admin.display(description="status", ordering="status")
    def status_label(self, claim: Claim) -> str:
        return state_label(claim.get_status_display(), STATUS_TONES[claim.status])

    @admin.display(description="verdict", ordering="verdict")
    def verdict_shown(self, claim: Claim) -> str:
        return verdict_label(claim.verdict, claim.get_verdict_display())

    @admin.display(description="needs attention")
    def attention(self, claim: Claim) -> str:
        # Only what is wrong is shown: a quiet row is a row without work.
        labels = [
            state_label("Contested", "poor") if claim.contested else "",
            state_label("Unverified quotes", "bad") if claim.has_unverified else "",
            state_label("Needs re-review", "attention") if claim.needs_review else "",
        ]
        return format_html_join("", "{}", ((label,) for label in labels if label)) or "—"

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, claim: Claim) -> int:
        return claim.quote_count

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
        workflow.save_claim(claim=obj, by=request.user)

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

    def get_urls(self):
        correct = self.admin_site.admin_view(self.correct_view)
        return [
            path("<path:object_id>/correct/", correct, name="claims_claim_correct"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_correct"] = bool(obj and obj.is_public and workflow.can_publish(request.user))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def correct_view(self, request, object_id):
        """Correct this claim: change what readers see and publish the note that says so, in one step."""
        self.check_object_id(object_id)
        claim = get_object_or_404(Claim, pk=unquote(object_id))
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        form = CorrectionForm(request.POST or None, instance=claim)
        if request.method == "POST" and form.is_valid():
            try:
                correction = workflow.correct(
                    claim=claim,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    changes=form.changes,
                    version=form.cleaned_data["loaded_version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except (workflow.WorkflowError, StaleEditError) as error:
                form.add_error(None, str(error))
            else:
                changed = ", ".join(change["label"].lower() for change in correction.changes)
                self.message_user(
                    request,
                    f"“{claim}” corrected{f' ({changed})' if changed else ''}; readers see the note dated today.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        return TemplateResponse(
            request,
            "admin/claims/claim/correct.html",
            {
                **self.admin_site.each_context(request),
                "title": "Correct this claim",
                "opts": self.model._meta,
                "claim": claim,
                "form": form,
                "media": self.media + form.media,
            },
        )

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
        if "confirm" in request.POST:
            self._run(request, queryset, workflow.publish, "published", confirmed=True)
            return None
        # Only claims that could go out ask for confirmation; the others are refused with their reason.
        warned = [
            (claim, warnings)
            for claim in queryset
            if claim.status == Claim.Status.IN_REVIEW
            and not workflow.publication_problems(claim)
            and (warnings := workflow.publication_warnings(claim))
        ]
        if not warned:
            self._run(request, queryset, workflow.publish, "published")
            return None
        return TemplateResponse(
            request,
            "admin/claims/claim/publish_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": "Publish claims with warnings?",
                "opts": self.model._meta,
                "claims": queryset,
                "warned": warned,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(
        description="Add a correction note to selected claims (Correct this claim changes one)",
        permissions=["publish"],
    )
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
