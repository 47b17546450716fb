"""A newsroom's worth of data, big enough that a query made once per row shows in a query count.

One published claim quoted by ten sources from ten publishers and ten speakers, the sources citing
each other in a chain that ends at an anonymous actor (the first source edited twice since), an
open and an explained conflict, a correction note, three external reviews with their appearances
and an open re-review flag; a retracted claim; a draft
that must stay hidden; and fifty more published claims, each with its own source, two quotes, an
open conflict, a citation, an external review and one suggestion of each kind, so that every list
(claims, quotes, conflicts, sources, actors, citations, reviews, suggestions) has at least 50 rows.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from claims.conflicts import refresh_conflicts
from claims.models import (
    CitationSuggestion,
    Claim,
    Conflict,
    Correction,
    ExternalReview,
    QuoteSuggestion,
    ReviewFlag,
)
from claims.quantities import Comparator
from sources.models import Actor, ActorAlias, Citation, Source
from tests.factories import ActorFactory, ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

QUOTED = 10
ROWS = 50
SEVENTEEN = "Seventeen Russian intelligence officers"
TWO = "two Russian intelligence officers"
EXACT_17 = {"comparator": Comparator.EXACT, "value": Decimal(17)}
EXACT_2 = {"comparator": Comparator.EXACT, "value": Decimal(2)}


@dataclass
class Newsroom:
    claim: Claim  # published, quoted by QUOTED sources
    retracted: Claim
    draft: Claim
    sources: list[Source]  # the claim's quoted sources, each citing the next
    publishers: list[Actor]
    speakers: list[Actor]
    listed: list[Claim]  # ROWS more published claims
    conflict: Conflict  # the claim's open conflict
    review: ExternalReview


def article(n: int, cited: str) -> str:
    return (
        f"{SEVENTEEN} were expelled from the Netherlands in March 2022, {cited} reported.\n"
        f"Officials in report {n} later said that {TWO} had been expelled in December 2020."
    )


def build_newsroom(*, quoted: int = QUOTED, rows: int = ROWS) -> Newsroom:
    """Build the newsroom; smaller `quoted` and `rows` serve to show that a count does not follow them."""
    publishers = [ActorFactory(name=f"Outlet {n}", kind=Actor.Kind.OUTLET) for n in range(quoted)]
    speakers = [ActorFactory(name=f"Minister {n}", kind=Actor.Kind.OFFICIAL) for n in range(quoted)]
    for actor in (*publishers, *speakers):
        ActorAlias.objects.create(actor=actor, name=f"{actor.name} alias")
    anonymous = ActorFactory(name="Intelligence sources", kind=Actor.Kind.ANONYMOUS)
    fact_checkers = [ActorFactory(name=name) for name in ("AFP", "Maldita", "Correctiv")]

    sources = []
    for n in range(quoted):
        source = SourceFactory(
            title=f"Report {n}",
            url=f"https://outlet{n}.example/report",
            publisher=publishers[n],
            published_on=date(2022, 3, 1) + timedelta(days=n),
            text=article(n, f"Outlet {n + 1}" if n + 1 < quoted else "intelligence sources"),
        )
        source.authors.add(speakers[(n + 1) % quoted])
        sources.append(source)
    for n, source in enumerate(sources):
        if n + 1 < quoted:
            Citation.objects.create(
                citing=source, cited_source=sources[n + 1], span_text=f"Outlet {n + 1} reported"
            )
        else:
            Citation.objects.create(
                citing=source, cited_actor=anonymous, span_text="intelligence sources reported"
            )

    claim = PublishedClaimFactory(
        text="The Netherlands expelled 17 Russian intelligence officers in March 2022."
    )
    for n, source in enumerate(sources):
        # The last account disagrees: two officers, not seventeen.
        words, value = (TWO, EXACT_2) if n == quoted - 1 else (SEVENTEEN, EXACT_17)
        QuoteFactory(claim=claim, source=source, speaker=speakers[n], exact=words, **value)
    refresh_conflicts(claim=claim)
    explained = Conflict.objects.create(
        claim=claim,
        kind=Conflict.Kind.OTHER,
        detected=False,
        status=Conflict.Status.EXPLAINED,
        note="Both counts are right: they count different expulsions.",
        resolved_at=timezone.now(),
    )
    explained.quotes.set(claim.quotes.order_by("pk")[:2])
    for n in range(2):  # the first source's publisher edited it twice: three captures
        sources[0].capture(f"{sources[0].text}\nUpdate {n + 1}: the ministry confirmed the expulsions.")
        sources[0].save()
    Correction.objects.create(
        claim=claim, kind=Correction.Kind.CORRECTION, note="The date was March, not April."
    )
    ReviewFlag.objects.create(
        claim=claim, source=sources[0], reason="“Report 0” was corrected by its publisher"
    )
    reviews = []
    for n, reviewer in enumerate(fact_checkers):
        review = ExternalReview.objects.create(
            claim=claim,
            reviewer=reviewer,
            url=f"https://{reviewer.name.lower()}.example/reviews/17",
            rating_label="True",
            verdict="true",
            claimant=speakers[n],
            reviewed_on=date(2022, 4, 1 + n),
            key=f"https://{reviewer.name.lower()}.example/reviews/17",
            first_appearance=sources[n],
        )
        review.appearances.add(sources[n], sources[n + 1])
        reviews.append(review)

    retracted = PublishedClaimFactory(
        text="Russia expelled 17 Dutch diplomats in return.", status=Claim.Status.RETRACTED
    )
    for source in sources[:2]:
        QuoteFactory(claim=retracted, source=source, exact=SEVENTEEN, **EXACT_17)
    Correction.objects.create(claim=retracted, kind=Correction.Kind.RETRACTION, note="No such expulsion.")

    draft = ClaimFactory(text="A draft nobody may see yet.")
    QuoteFactory(claim=draft, source=SourceFactory(title="Draft-only source", text=article(99, "Nobody")))

    listed = []
    for n in range(rows):
        publisher = ActorFactory(name=f"Local outlet {n}", kind=Actor.Kind.OUTLET)
        cited = sources[n % quoted]
        source = SourceFactory(
            title=f"Local report {n}",
            url=f"https://local{n}.example/report",
            publisher=publisher,
            published_on=date(2022, 4, 1) + timedelta(days=n),
            text=article(100 + n, cited.publisher.name),
        )
        Citation.objects.create(
            citing=source, cited_source=cited, span_text=f"{cited.publisher.name} reported"
        )
        other = PublishedClaimFactory(text=f"Case {n}: the Netherlands expelled 17 Russians.", **EXACT_17)
        QuoteFactory(claim=other, source=source, speaker=speakers[n % quoted], exact=SEVENTEEN, **EXACT_17)
        QuoteFactory(claim=other, source=source, speaker=publisher, exact=TWO, **EXACT_2)
        refresh_conflicts(claim=other)
        review = ExternalReview.objects.create(
            claim=other,
            reviewer=fact_checkers[n % len(fact_checkers)],
            rating_label="Falso",
            verdict="false",
            claimant=publisher,
            key=f"case-{n}",
            first_appearance=source,
        )
        review.appearances.add(source)
        start = source.text.index(SEVENTEEN)
        QuoteSuggestion.objects.create(
            source=source,
            start=start,
            end=start + len(SEVENTEEN),
            key=f"quote-{n}",
            exact=SEVENTEEN,
            number_text="Seventeen",
            counted="Russian intelligence officers",
            speaker=publisher,
            claim=other,
            claim_text=other.text,
            **EXACT_17,
        )
        span = f"{cited.publisher.name} reported"
        start = source.text.index(span)
        CitationSuggestion.objects.create(
            source=source,
            start=start,
            end=start + len(span),
            key=f"citation-{n}",
            span_text=span,
            cited_name=cited.publisher.name,
            cited_actor=cited.publisher,
            cited_source=cited,
            new_actor_name=cited.publisher.name,
            new_actor_kind=Actor.Kind.OUTLET,
        )
        listed.append(other)

    return Newsroom(
        claim=claim,
        retracted=retracted,
        draft=draft,
        sources=sources,
        publishers=publishers,
        speakers=speakers,
        listed=listed,
        conflict=claim.conflicts.get(status=Conflict.Status.OPEN),
        review=reviews[0],
    )
