"""Reviews imported from other fact-checkers."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from claims.models import ExternalReview
from sources.admin import HistoryAdmin


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

    list_display = ["rating_label", "verdict", "reviewer", "claim", "reviewed_on", "language"]
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
        ("rating_value", "best_rating", "worst_rating"),
        "reviewed_on",
        "language",
        "claimant",
        "claimed_on",
        "appearance_list",
        "imported_at",
    ]
    # Everything is as the reviewer published it, but for the label's place on our scale.
    readonly_fields = [name for name in flatten_fieldsets([(None, {"fields": fields})]) if name != "verdict"]

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
