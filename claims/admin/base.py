"""Pieces the claims admin pages share: widgets, the anchor badge, flag filters and read-only inlines."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.models import Claim, Quote
from claims.verdicts import Verdict
from sources.admin_display import state_label, trimmed_number
from sources.widgets import TrimmedDecimalInput

DECIMALS = {models.DecimalField: {"widget": TrimmedDecimalInput}}
QUOTE_FIELDS = {**DECIMALS, models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 90})}}


# The colour of each state says what it means: sources/admin_display.py's tones.
VERDICT_TONES = {
    Verdict.TRUE: "good",
    Verdict.MOSTLY_TRUE: "fair",
    Verdict.MIXED: "mixed",
    Verdict.MOSTLY_FALSE: "poor",
    Verdict.FALSE: "bad",
    Verdict.UNPROVEN: "unscaled",
    Verdict.DISPUTED: "unscaled",
}
STATUS_TONES = {
    Claim.Status.DRAFT: "neutral",
    Claim.Status.IN_REVIEW: "waiting",
    Claim.Status.PUBLISHED: "good",
    Claim.Status.CORRECTED: "fair",
    Claim.Status.RETRACTED: "bad",
}


def verdict_label(verdict: str, text: str) -> str:
    return state_label(text, VERDICT_TONES[verdict]) if verdict else "—"


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


class ReadableNumbersMixin:
    """A page shown read-only (a published claim to an editor) reads its numbers as written: 17 for the
    column's 17.0000. For a ModelAdmin or an inline whose fieldsets hold `value` and `value_upper`."""

    shown_numbers = {"value": "value_number", "value_upper": "value_upper_number"}

    def _read_only(self, request, obj) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    def _swap(self, names):
        if isinstance(names, (list, tuple)):
            return type(names)(self.shown_numbers.get(name, name) for name in names)
        return self.shown_numbers.get(names, names)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._read_only(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [self._swap(names) for names in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, *self.shown_numbers.values()] if self._read_only(request, obj) else readonly

    @admin.display(description="value")
    def value_number(self, row) -> str:
        return trimmed_number(row.value) or "—"

    @admin.display(description="upper bound")
    def value_upper_number(self, row) -> str:
        return trimmed_number(row.value_upper) or "—"


class FilterByFlag(admin.SimpleListFilter):
    """A yes/no filter over a boolean annotation made by ClaimQuerySet.with_flags()."""

    flag = ""

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(**{self.flag: self.value() == "yes"})
        return queryset


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent that are made elsewhere (by detection, the workflow, a source change)."""

    template = "admin/edit_inline/tabular_region.html"  # scrolls from the keyboard on a phone

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
