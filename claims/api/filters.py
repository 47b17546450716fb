import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from claims.api.timezones import check_offset
from claims.models import Claim, Quote
from claims.search import search_claims
from claims.verdicts import Rating


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


class ClaimFilter(django_filters.FilterSet):
    verdict = django_filters.ChoiceFilter(field_name="rating", choices=Rating.choices)
    status = django_filters.ChoiceFilter(
        choices=Claim.Status.choices,
        help_text="Anonymous clients only ever see published and corrected claims.",
    )
    actor = django_filters.NumberFilter(
        method="filter_actor", help_text="An actor who speaks or publishes a quote."
    )
    source = django_filters.NumberFilter(method="filter_source", help_text="A source quoted on the claim.")
    language = django_filters.CharFilter(
        method="filter_language", help_text="Language of a quoted source (BCP 47)."
    )
    contested = django_filters.BooleanFilter(field_name="contested", help_text="Whether a conflict is open.")
    updated_since = StrictIsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    search = django_filters.CharFilter(method="filter_search", help_text="Full-text search.")

    class Meta:
        model = Claim
        fields = ["verdict", "status", "actor", "source", "language", "contested", "updated_since", "search"]

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


class QuoteFilter(django_filters.FilterSet):
    claim = django_filters.CharFilter(field_name="claim__slug")

    class Meta:
        model = Quote
        fields = ["claim", "source", "speaker", "stance", "is_verified"]
