"""Reviews imported from other fact-checkers."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from claims.admin.base import verdict_label
from claims.models import ExternalReview
from sources.admin import HistoryAdmin
from sources.admin_display import clamped, state_label, trimmed_number


class MappedFilter(admin.SimpleListFilter):
    title = "label placed on our scale"
    parameter_name = "mapped"

    def lookups(self, request, model_admin):
        return [("yes", "Mapped"), ("no", "Unmapped")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(verdict="")
        if self.value() == "no":
            return queryset.filter(verdict="")
        return queryset


@admin.register(ExternalReview)
class ExternalReviewAdmin(HistoryAdmin):
    """Reviews imported from other fact-checkers: the label stays theirs; editors may place it on our scale."""

    list_display = ["label_shown", "on_our_scale", "reviewer", "claim_shown", "reviewed_on", "language"]
    list_filter = [MappedFilter, "verdict", "language"]
    list_select_related = ["reviewer", "claim"]
    search_fields = ["rating_label", "claim__text", "reviewer__name", "url"]
    autocomplete_fields = ["claim", "reviewer", "claimant"]
    fields = [
        "claim",
        "reviewer",
        "url",
        "title",
        "rating_label",
        "verdict",
        "rating",
        "reviewed_on",
        "language",
        "claimant",
        "claimed_on",
        "appearance_list",
        "imported_at",
    ]
    # Everything is as the reviewer published it, but for the label's place on our scale.
    readonly_fields = [name for name in flatten_fieldsets([(None, {"fields": fields})]) if name != "verdict"]

    class Media:
        css = {"all": ["sources/admin.css"]}

    @admin.display(description="rating as written", ordering="rating_label")
    def label_shown(self, review: ExternalReview) -> str:
        return clamped(review.rating_label)

    @admin.display(description="on our scale", ordering="verdict")
    def on_our_scale(self, review: ExternalReview) -> str:
        if not review.verdict:
            return state_label("Unmapped", "attention")
        return verdict_label(review.verdict, review.get_verdict_display())

    @admin.display(description="claim", ordering="claim__text")
    def claim_shown(self, review: ExternalReview) -> str:
        return clamped(review.claim.text)

    @admin.display(description="rating value")
    def rating(self, review: ExternalReview) -> str:
        if review.rating_value is None:
            return "—"
        scale = ""
        if review.worst_rating is not None and review.best_rating is not None:
            scale = f" (from {trimmed_number(review.worst_rating)} to {trimmed_number(review.best_rating)})"
        return f"{trimmed_number(review.rating_value)}{scale}"

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
