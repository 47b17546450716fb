import django_filters
from django.db.models import Exists, OuterRef, Q

from claims.models import Claim, Quote
from claims.search import search_claims
from claims.verdicts import Verdict


class ClaimFilter(django_filters.FilterSet):
    verdict = django_filters.ChoiceFilter(field_name="verdict", choices=Verdict.choices)
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
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
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
