"""A newsroom's archive at scale for bench/serve.py, written with COPY in one transaction.

100,000 claims (about 93% published or corrected, the rest drafts, in review
or retracted), 500,000 quotes, 50,000 sources with article-sized texts,
10,000 actors, citations, conflicts, corrections and review flags. Texts are
made of the seed articles' words; each quote takes its exact words from its
source's text with their offsets, prefix and suffix, as anchoring would, and
3% are words the source never printed (unverified). Everything is drawn from
one seeded random generator, so two builds are the same.
"""

import hashlib
import json
import random
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils.text import slugify

from claims.models import Claim, Conflict, Correction, Quote, ReviewFlag
from claims.verdicts import Verdict
from sources.anchoring import CONTEXT_LENGTH
from sources.models import Actor, ActorAlias, Citation, Source, name_key

SEEDS = Path(__file__).resolve().parents[1] / "claims" / "demo" / "articles"
COUNTS = {"claims": 100_000, "quotes": 500_000, "sources": 50_000, "actors": 10_000}
OUTLETS = 1_000  # actors 1..1000 publish; the rest speak
COMMON_WORD = "expelled"  # in about a third of the claims and throughout the texts
RARE_WORD = "zeppelin"  # in three claims only
RARE_CLAIMS = 3
STATUSES = [  # (status, share of claims)
    (Claim.Status.PUBLISHED, 0.88),
    (Claim.Status.CORRECTED, 0.05),
    (Claim.Status.DRAFT, 0.03),
    (Claim.Status.IN_REVIEW, 0.02),
    (Claim.Status.RETRACTED, 0.02),
]
# What a correction changed, as claims/corrections.py records it (a verdict moved by one step).
CORRECTED_VERDICT = json.dumps(
    [{"field": "verdict", "label": "Verdict", "old": "True", "new": "Mostly true"}]
)

TABLES = [Actor, ActorAlias, Source, Citation, Claim, Quote, Conflict, Conflict.quotes.through, Correction]
EPOCH = datetime(2016, 1, 1, tzinfo=UTC)


def counts() -> dict[str, int]:
    return {
        "claims": Claim.objects.count(),
        "quotes": Quote.objects.count(),
        "sources": Source.objects.count(),
        "actors": Actor.objects.count(),
    }


def is_built() -> bool:
    return counts() == COUNTS


def seed_words() -> list[str]:
    """The seed articles' words, each as often as the articles use it."""
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    return [word.lower() for word in re.findall(r"[A-Za-z]+", text) if len(word) > 1]


class Builder:
    def __init__(self, seed: int = 16) -> None:
        self.rng = random.Random(seed)
        self.words = seed_words()
        self.vocabulary = sorted(set(self.words) - {RARE_WORD})

    def sentence(self, low: int, high: int) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def moment(self, *, after: datetime = EPOCH, days: int = 3_900) -> datetime:
        return after + timedelta(seconds=self.rng.randrange(days * 86_400))

    def actors(self):
        names: set[str] = set()
        for pk in range(1, COUNTS["actors"] + 1):
            while True:
                first, second = self.rng.sample(self.vocabulary, 2)
                name = f"{first.title()} {second.title()}" + (" News" if pk <= OUTLETS else "")
                if name_key(name) not in names:
                    break
            names.add(name_key(name))
            kind = Actor.Kind.OUTLET if pk <= OUTLETS else self.rng.choice(list(Actor.Kind.values))
            yield (pk, name, name_key(name), kind, "", "", EPOCH)

    def aliases(self):
        for pk in range(1, 1_001):
            actor = self.rng.randint(1, COUNTS["actors"])
            name = f"Alias {pk} of actor {actor}"
            yield (pk, name, name_key(name), actor)

    def sources(self):
        """Rows of sources; keeps each text's sentences (start offset, words) for the quotes."""
        self.sentences: list[list[tuple[int, str]]] = [[]]
        self.texts: list[str] = [""]
        for pk in range(1, COUNTS["sources"] + 1):
            parts, offset, spans = [], 0, []
            for _ in range(self.rng.randint(14, 30)):  # 2 to 5 KB: a news article
                sentence = self.sentence(12, 28)
                if parts:
                    separator = " " if self.rng.random() < 0.8 else "\n\n"
                    parts.append(separator)
                    offset += len(separator)
                spans.append((offset, sentence))
                parts.append(sentence)
                offset += len(sentence)
            text = "".join(parts)
            self.sentences.append(spans)
            self.texts.append(text)
            publisher = self.rng.randint(1, OUTLETS) if self.rng.random() < 0.95 else None
            published = self.moment()
            yield (
                pk,
                Source.Kind.ARTICLE if self.rng.random() < 0.8 else self.rng.choice(list(Source.Kind.values)),
                self.sentence(6, 12)[:-1],
                f"https://news{publisher or 0}.example.org/{published:%Y/%m}/{pk}",
                published.date(),
                "en" if self.rng.random() < 0.95 else "nl",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                published,
                "",
                published,
                publisher,
                Source.Status.CURRENT,
                "",
            )

    def citations(self):
        seen: set[tuple] = set()
        pk = 0
        for citing in range(1, COUNTS["sources"] + 1):
            for _ in range(self.rng.choice((0, 1, 1, 2))):
                if self.rng.random() < 0.7:
                    cited_source, cited_actor = self.rng.randint(1, COUNTS["sources"]), None
                else:
                    cited_source, cited_actor = None, self.rng.randint(1, COUNTS["actors"])
                edge = (citing, cited_source, cited_actor)
                if cited_source == citing or edge in seen:
                    continue
                seen.add(edge)
                pk += 1
                yield (pk, Citation.Relation.REPORTS, None, None, "", cited_actor, cited_source, citing)

    def claims(self):
        self.claim_status: list[str] = [""]
        statuses, weights = zip(*STATUSES, strict=True)
        rare = set(self.rng.sample(range(1, COUNTS["claims"] + 1), RARE_CLAIMS))
        for pk in range(1, COUNTS["claims"] + 1):
            status = self.rng.choices(statuses, weights)[0]
            self.claim_status.append(status)
            words = self.rng.choices(self.words, k=self.rng.randint(6, 14))
            if self.rng.random() < 0.33:
                words.insert(self.rng.randrange(len(words)), COMMON_WORD)
            if pk in rare:
                words.insert(self.rng.randrange(len(words)), RARE_WORD)
            text = " ".join(words).capitalize()
            public = status not in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW)
            published = self.moment() if public else None
            updated = self.moment(after=published, days=30) if published else self.moment()
            verdict = self.rng.choice(Verdict.values) if public or self.rng.random() < 0.5 else ""
            valued = self.rng.random() < 0.3
            month = self.moment().date().replace(day=1) if self.rng.random() < 0.5 else None
            yield (
                pk,
                "exact" if valued else "",
                self.rng.randint(1, 500) if valued else None,
                None,
                month,
                (month + timedelta(days=31)).replace(day=1) - timedelta(days=1) if month else None,
                f"{month:%B %Y}" if month else "",
                text,
                f"{slugify(text)[:100]}-{pk}",
                "diplomats" if valued else "",
                "",
                status,
                verdict,
                " ".join(self.sentence(10, 25) for _ in range(self.rng.randint(2, 5))),
                published.date() if published else None,
                published,
                1,
                published or updated,
                updated,
                None,
            )

    def quotes(self):
        claims = list(range(1, COUNTS["claims"] + 1))
        claims += self.rng.choices(claims, k=COUNTS["quotes"] - len(claims))
        claims.sort()
        self.claim_quotes: dict[int, list[tuple[int, int]]] = {}
        for pk, claim in enumerate(claims, start=1):
            source = self.rng.randint(1, COUNTS["sources"])
            self.claim_quotes.setdefault(claim, []).append((pk, source))
            offset, sentence = self.rng.choice(self.sentences[source])
            words = sentence.split(" ")
            first = self.rng.randrange(len(words) - 6)
            chosen = words[first : first + self.rng.randint(6, 12)]
            start = offset + sum(len(word) + 1 for word in words[:first])
            exact = " ".join(chosen)
            verified = self.rng.random() >= 0.03
            if verified:
                text = self.texts[source]
                end = start + len(exact)
                prefix, suffix = (
                    text[max(0, start - CONTEXT_LENGTH) : start],
                    text[end : end + CONTEXT_LENGTH],
                )
            else:  # words the source never printed, kept and flagged
                exact, start, end, prefix, suffix = " ".join(reversed(chosen)) + " indeed", None, None, "", ""
            stance = self.rng.choices(Quote.Stance.values, (85, 10, 3, 2))[0]
            speaker = self.rng.randint(OUTLETS + 1, COUNTS["actors"]) if self.rng.random() < 0.8 else None
            yield (
                pk, "", None, None, None, None, "", exact, prefix, suffix, start, end, verified,
                stance, EPOCH, claim, source, speaker,
            )  # fmt: skip

    def conflicts(self):
        self.conflict_quotes: list[tuple[int, int, int]] = []
        pk = 0
        for claim, quotes in self.claim_quotes.items():
            if len(quotes) < 2 or self.rng.random() >= 0.05:
                continue
            pk += 1
            opened = self.moment()
            resolved = self.rng.random() < 0.4
            status = Conflict.Status.RESOLVED if resolved else Conflict.Status.OPEN
            note = "The later account corrects the earlier one." if resolved else ""
            yield (
                pk, Conflict.Kind.STANCE, True, False, status, note, opened,
                opened + timedelta(days=2) if resolved else None, claim, None,
            )  # fmt: skip
            for quote, _ in quotes[:2]:
                self.conflict_quotes.append((len(self.conflict_quotes) + 1, pk, quote))

    def corrections(self):
        pk = 0
        for claim, status in enumerate(self.claim_status):
            kind = {
                Claim.Status.CORRECTED: Correction.Kind.CORRECTION,
                Claim.Status.RETRACTED: Correction.Kind.RETRACTION,
            }.get(status)
            if kind:
                pk += 1
                changes = CORRECTED_VERDICT if kind == Correction.Kind.CORRECTION else "[]"
                yield (
                    pk,
                    kind,
                    "An earlier version gave the wrong figure.",
                    self.moment(),
                    claim,
                    None,
                    changes,
                )

    def review_flags(self):
        pk = 0
        for claim, quotes in self.claim_quotes.items():
            if self.rng.random() < 0.02:
                pk += 1
                raised = self.moment()
                cleared = raised + timedelta(days=1) if self.rng.random() < 0.5 else None
                reason = "A quoted source was corrected by its publisher."
                yield (pk, reason, raised, cleared, claim, None, quotes[0][1])


COLUMNS = {
    Actor: "id, name, name_key, kind, description, wikidata_id, created_at",
    ActorAlias: "id, name, name_key, actor_id",
    Source: "id, kind, title, url, published_on, language, text, text_sha256, captured_at, archive_url, "
    "created_at, publisher_id, status, status_note",
    Citation: "id, relation, span_start, span_end, span_text, cited_actor_id, cited_source_id, citing_id",
    Claim: "id, comparator, value, value_upper, time_start, time_end, time_label, text, slug, unit, place, "
    "status, verdict, explanation, reviewed_on, published_at, version, created_at, updated_at, created_by_id",
    Quote: 'id, comparator, value, value_upper, time_start, time_end, time_label, exact, prefix, suffix, start, "end", '
    "is_verified, stance, created_at, claim_id, source_id, speaker_id",
    Conflict: "id, kind, detected, closed_by_detection, status, note, opened_at, resolved_at, claim_id, "
    "resolved_by_id",
    Conflict.quotes.through: "id, conflict_id, quote_id",
    Correction: "id, kind, note, published_at, claim_id, created_by_id, changes",
    ReviewFlag: "id, reason, raised_at, cleared_at, claim_id, cleared_by_id, source_id",
}


def copy(cursor, model, rows) -> int:
    count = 0
    with cursor.copy(f"COPY {model._meta.db_table} ({COLUMNS[model]}) FROM STDIN") as copier:
        for row in rows:
            copier.write_row(row)
            count += 1
    return count


def build(log=print) -> None:
    """Empty the tables and fill them with the archive; then analyse them as a live database would be."""
    started = time.perf_counter()
    builder = Builder()
    tables = ", ".join(model._meta.db_table for model in [*TABLES, ReviewFlag])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")  # bench/settings.py bounds the server's queries
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        steps = [
            (Actor, builder.actors),
            (ActorAlias, builder.aliases),
            (Source, builder.sources),
            (Citation, builder.citations),
            (Claim, builder.claims),
            (Quote, builder.quotes),
            (Conflict, builder.conflicts),
            (Conflict.quotes.through, lambda: builder.conflict_quotes),
            (Correction, builder.corrections),
            (ReviewFlag, builder.review_flags),
        ]
        for model, rows in steps:
            count = copy(cursor.connection.cursor(), model, rows())
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(1, (SELECT max(id) FROM {table})))"
            )
            log(f"  {table}: {count:,} rows ({time.perf_counter() - started:.0f} s)")
    connection.close()
    with connection.cursor() as cursor:  # outside a transaction: VACUUM cannot run in one
        cursor.execute("SET statement_timeout = 0")
        cursor.execute("VACUUM ANALYZE")
    log(f"  built and analysed in {time.perf_counter() - started:.0f} s")
