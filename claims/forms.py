from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, Quote
from claims.ratings import Rating
from claims.search import search_claims


class ClaimFilterForm(forms.Form):
    CONTESTED_CHOICES = [("", "Any"), ("yes", "Accounts disagree"), ("no", "No open disagreement")]

    q = forms.CharField(label="Words to find", required=False, max_length=200)
    verdict = forms.ChoiceField(
        label="Verdict", required=False, choices=[("", "Any verdict"), *Rating.choices]
    )
    actor = forms.ModelChoiceField(label="Quoted actor", required=False, queryset=None, empty_label="Anyone")
    contested = forms.ChoiceField(label="Disagreement", required=False, choices=CONTESTED_CHOICES)

    def __init__(self, *args, actors: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors

    def filter(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        """Narrow `claims` (annotated with_flags()) by the valid filters."""
        data = self.cleaned_data
        if data["verdict"]:
            claims = claims.filter(rating=data["verdict"])
        if actor := data["actor"]:
            by_actor = Quote.objects.filter(
                Q(speaker=actor) | Q(source__publisher=actor), claim=OuterRef("pk")
            )
            claims = claims.filter(Exists(by_actor))
        if data["contested"]:
            claims = claims.filter(contested=data["contested"] == "yes")
        return search_claims(claims, data["q"])
