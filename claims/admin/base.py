"""Pieces the claims admin pages share: widgets, the anchor badge, flag filters and read-only inlines."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from claims.models import Claim, Quote
from claims.verdicts import Verdict
from sources.admin_display import state_label
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

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
