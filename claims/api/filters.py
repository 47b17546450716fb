import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from claims.api.timezones import check_offset
from claims.models import Claim, Conflict, Quote
from claims.search import search_claims
from claims.verdicts import Verdict
from claims.visibility import sees_drafts
from sources.models import Citation, Source

MAX_ID = 2**63 - 1  # a bigint primary key
ID_MESSAGE = f"Give an id: a whole number from 1 to {MAX_ID}."


class IdField(forms.IntegerField):
    """A primary key as a filter value: a whole number within the column's range, or one clear message."""

    default_error_messages = {"invalid": ID_MESSAGE, "min_value": ID_MESSAGE, "max_value": ID_MESSAGE}

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_python(self, value):
        # IntegerField reads "1.0" and "1e3" as numbers; an id is written in digits only.
        if value not in self.empty_values and not str(value).strip().isdigit():
            raise forms.ValidationError(ID_MESSAGE, code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id to filter by: one that no row has matches nothing (an empty page), not a 400."""

    field_class = IdField


class StrictBooleanField(forms.Field):
    """true or false, as the schema says; "null", "1" or "yes" is a 400, not a filter quietly dropped."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() not in ("true", "false"):
            raise forms.ValidationError("Give true or false.", code="invalid")
        return str(value).lower() == "true"


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    """Filters generated from model fields read booleans strictly."""

    FILTER_DEFAULTS = {
        **django_filters.filterset.FILTER_FOR_DBFIELD_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }


class StrictIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date and time whose offset a time zone uses; present but empty is an error, not "any"."""

    def clean(self, value):
        if value is not None and not str(value).strip():
            raise forms.ValidationError(
                "Give a date and time such as 2024-01-01T00:00:00Z, or leave this out."
            )
        value = super().clean(value)
        try:
            check_offset(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return value


class StrictIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = StrictIsoDateTimeField


class ClaimFilter(StrictFilterSet):
    verdict = django_filters.ChoiceFilter(field_name="verdict", choices=Verdict.choices)
    status = django_filters.ChoiceFilter(
        choices=Claim.Status.choices,
        help_text="Anonymous clients see published, corrected and retracted claims (the last without a verdict).",
    )
    actor = IdFilter(method="filter_actor", help_text="An actor who speaks or publishes a quote.")
    source = IdFilter(method="filter_source", help_text="A source quoted on the claim.")
    language = django_filters.CharFilter(
        method="filter_language", help_text="Language of a quoted source (BCP 47)."
    )
    contested = StrictBooleanFilter(field_name="contested", help_text="Whether a conflict is open.")
    updated_since = StrictIsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    search = django_filters.CharFilter(method="filter_search", help_text="Full-text search.")

    class Meta:
        model = Claim
        fields = ["verdict", "status", "actor", "source", "language", "contested", "updated_since", "search"]

    # Filters that look at a claim's verdict or evidence: withdrawn with a retraction, so for readers
    # they match published claims only and a retracted claim's verdict cannot be found by filtering.
    EVIDENCE_FILTERS = ("verdict", "actor", "source", "language", "contested", "search")

    def filter_queryset(self, queryset):
        user = getattr(self.request, "user", None)
        if not sees_drafts(user) and any(
            self.form.cleaned_data.get(name) not in (None, "") for name in self.EVIDENCE_FILTERS
        ):
            queryset = queryset.filter(status__in=Claim.PUBLIC_STATUSES)
        return super().filter_queryset(queryset)

    def _quoted(self, queryset, condition: Q):
        return queryset.filter(Exists(Quote.objects.filter(condition, claim=OuterRef("pk"))))

    def filter_actor(self, queryset, name, value):
        return self._quoted(queryset, Q(speaker=value) | Q(source__publisher=value))

    def filter_source(self, queryset, name, value):
        return self._quoted(queryset, Q(source=value))

    def filter_language(self, queryset, name, value):
        return self._quoted(
            queryset, Q(source__language__iexact=value) | Q(source__language__istartswith=f"{value}-")
        )

    def filter_search(self, queryset, name, value):
        return search_claims(queryset, value)


class QuoteFilter(StrictFilterSet):
    claim = django_filters.CharFilter(field_name="claim__slug")
    source = IdFilter(field_name="source")
    speaker = IdFilter(field_name="speaker")

    class Meta:
        model = Quote
        fields = ["claim", "source", "speaker", "stance", "is_verified"]


class SourceFilter(StrictFilterSet):
    publisher = IdFilter(field_name="publisher")

    class Meta:
        model = Source
        fields = ["kind", "language", "publisher"]


class CitationFilter(StrictFilterSet):
    citing = IdFilter(field_name="citing")
    cited_source = IdFilter(field_name="cited_source")
    cited_actor = IdFilter(field_name="cited_actor")

    class Meta:
        model = Citation
        fields = ["citing", "cited_source", "cited_actor", "relation"]


class ConflictFilter(StrictFilterSet):
    claim = django_filters.CharFilter(field_name="claim__slug")  # by slug, as the quotes' filter

    class Meta:
        model = Conflict
        fields = ["claim", "status", "kind", "detected"]


class StrictOrderingFilter(OrderingFilter):
    """?ordering= by the fields the list offers (a "-" before one for descending); any other field is a
    400 naming `ordering`, not a silent fallback to the default order the client did not ask for."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if invalid := [field for field in fields if field not in valid]:
            offered = ", ".join(
                name for name, _ in self.get_valid_fields(queryset, view, {"request": request})
            )
            raise ValidationError(
                {
                    self.ordering_param: [
                        f'Order by {offered} (a "-" before one for descending), not {invalid[0]!r}.'
                    ]
                }
            )
        return valid
