"""Import other fact-checkers' ClaimReview records as external reviews of our claims.

Each record is matched to the claim it reviews (one of its appearance URLs is
already a source of the claim, or the sentence is the same up to case, spacing
and punctuation), else a draft claim is opened for an editor. Records are
written CHUNK at a time, each chunk in one transaction; a chunk that fails is
written again record by record, each in its own transaction, so a record that
fails leaves nothing behind and the others still import; importing the same
feed again changes nothing.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.text import slugify
from rapidfuzz import fuzz

from claims.claimreview.parse import (
    Agent,
    Appearance,
    RecordError,
    ReviewRecord,
    is_claim_review,
    parse_review,
    source_kind,
)
from claims.models import Claim, ExternalReview, FormerSlug, Quote
from sources.actors import get_or_create_actor
from sources.models import Actor, ActorAlias, Source, name_key, set_name
from sources.urlnorm import normalize_url

# How alike two sentences must be (rapidfuzz ratio, 0–100) to be the same claim; the numbers in
# them must also be the same, so "expelled 8 in 2021" never meets "expelled 2 in 2009".
SAME_CLAIM_SIMILARITY = 92
# How often a record is tried again after losing a race with a concurrent import of the same rows.
ATTEMPTS = 3
# PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again.
RETRYABLE_STATES = {"40P01", "40001"}
# Records imported in one transaction, with a fixed number of queries to find what they refer to.
CHUNK = 250
# Claims compared with a record's sentence: the first that share its longest word.
CANDIDATES = 200
# A sentence's words, lower case, one space apart: the expression claim_sentence_key_idx indexes.
SENTENCE_KEY = "md5(btrim(regexp_replace(lower({column}), '\\W+', ' ', 'g')))"
# Slugs tried at once for a new claim (its sentence's, then -2, -3 …) before asking one by one.
SLUG_TRIES = 5


@dataclass(frozen=True)
class Rejection:
    index: int
    reason: str

    def __str__(self) -> str:
        return f"record {self.index}: {self.reason}"


@dataclass
class ImportSummary:
    created: int = 0  # a new draft claim was opened for the review
    matched: int = 0  # the review was added to, or updated on, a claim we had
    skipped: int = 0  # already recorded exactly so: nothing changed
    found: int = 0  # ClaimReview records among what was read
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # imported, but with something left out

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.matched} matched, {self.skipped} skipped, "
            f"{len(self.rejected)} rejected"
        )


def import_claim_reviews(
    nodes: Iterable[dict], *, progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Import every ClaimReview among `nodes`; other JSON-LD objects (pages, organisations) are passed over.

    Records are imported CHUNK at a time (import_chunk): a fixed number of queries per chunk finds
    what they refer to, and one transaction writes them all.
    """
    summary = ImportSummary()
    reviews = [node for node in nodes if isinstance(node, dict) and is_claim_review(node)]
    summary.found = len(reviews)
    for start in range(0, len(reviews), CHUNK):
        chunk = reviews[start : start + CHUNK]
        records: dict[int, ReviewRecord] = {}
        results: dict[int, str | Rejection] = {}
        for index, node in enumerate(chunk, start + 1):
            try:
                records[index] = parse_review(node)
            except RecordError as error:
                results[index] = Rejection(index, str(error))
        results.update(import_chunk(records))
        for index in sorted(results):
            outcome = results[index]
            if isinstance(outcome, Rejection):
                summary.rejected.append(outcome)
            else:
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                summary.notes += [Rejection(index, note) for note in records[index].notes]
        if progress:
            progress(len(chunk))
    return summary


def import_chunk(records: dict[int, ReviewRecord]) -> dict[int, str | Rejection]:
    """Import numbered records in one transaction; "created", "matched", "skipped" or a Rejection for each.

    When the chunk's transaction fails (a concurrent import wrote one of its rows first, or the
    database refuses a value), it is rolled back whole and its records are imported again one by
    one, each in its own transaction: a record is saved whole or not at all, and only the record
    the database refuses is rejected.
    """
    if not records:
        return {}
    try:
        with transaction.atomic():
            return _Chunk(records).run()
    except DatabaseError:
        pass
    results: dict[int, str | Rejection] = {}
    for index, record in records.items():
        try:
            results[index] = _import_with_retries(record)
        except RecordError as error:
            results[index] = Rejection(index, str(error))
        except DatabaseError as error:  # a value the database refuses: this record only, rolled back
            results[index] = Rejection(index, f"it could not be saved ({error}).")
    return results


def _import_with_retries(record: ReviewRecord) -> str:
    """import_review(), run again when a concurrent import wrote the same rows first.

    Its transaction is then rolled back whole; the next attempt finds the rows the other import
    committed (the unique constraints on a source's URL, a review's key and an actor's name made this
    one wait for them), so a record lost to a race is skipped, never reported rejected.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return import_review(record)
        except (IntegrityError, OperationalError) as error:
            retryable = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "sqlstate", None) in RETRYABLE_STATES
            )
            if not retryable or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def import_review(record: ReviewRecord) -> str:
    """Record one review; return "created", "matched" or "skipped"."""
    key = review_key(record)
    appearances = [_source(appearance) for appearance in record.appearances]
    first = _source(record.first_appearance) if record.first_appearance else None
    outcome = "matched"
    claim = (
        _known_claim(key) or _claim_with_sources(appearances) or claim_with_same_sentence(record.claim_text)
    )
    if claim is None:
        claim = Claim.objects.create(text=record.claim_text)
        outcome = "created"
    values = review_values(record, _actor, first)
    review = ExternalReview.objects.filter(claim=claim, key=key).first()
    if review is None:
        review = ExternalReview.objects.create(claim=claim, key=key, **values)
        review.appearances.set(appearances)
        return outcome
    # The same review met again (another crawl, another page listing it): what it says fills in and
    # corrects what we have, but a record that leaves a field out never erases it.
    changed = {
        name: value
        for name, value in values.items()
        if value not in (None, "") and getattr(review, name) != value
    }
    known = {source.pk for source in review.appearances.all()}
    added = [source for source in appearances if source.pk not in known]
    return outcome if update_review(review, changed, added) else "skipped"


def review_key(record: ReviewRecord) -> str:
    """A review's identity: its URL, or a digest of who said what when it has none."""
    if record.url:
        return record.url
    said = "\n".join(
        [record.claim_text, name_key(record.reviewer.name), record.rating_label, str(record.reviewed_on)]
    )
    return "sha256:" + hashlib.sha256(said.encode()).hexdigest()


def claim_with_same_sentence(text: str) -> Claim | None:
    """The claim whose sentence is this one up to case, spacing and punctuation, if there is one.

    The database finds the candidates (sentence_candidates); rapidfuzz then compares each with the
    sentence, and the numbers in both must agree.
    """
    pk = best_same_sentence(text, sentence_candidates([text])[0])
    return Claim.objects.filter(pk=pk).only("pk", "text", "version", "slug").first() if pk else None


def sentence_candidates(texts: list[str]) -> list[list[tuple[int, str]]]:
    """For each sentence, the first CANDIDATES claims (by number) with the same words up to case, spacing
    and punctuation: (pk, text) pairs.

    On PostgreSQL one query answers every sentence, each by a probe of the index over the same
    expression (claims.0024_h16e_claim_sentence_key_index). Elsewhere (SQLite, the demo), a query per
    distinct longest word finds the claims holding it, and those with the same words are kept (a
    demo's few claims: all of them are read).
    """
    found: list[list[tuple[int, str]]] = [[] for _ in texts]
    if not texts:
        return found
    if connection.vendor == "postgresql":
        table = Claim._meta.db_table
        stored_key = SENTENCE_KEY.format(column="text::text")
        wanted_key = SENTENCE_KEY.format(column="w.sentence")
        sql = f"""
            SELECT w.n, c.id, c.text
            FROM unnest(%s::text[]) WITH ORDINALITY AS w(sentence, n)
            CROSS JOIN LATERAL (
                SELECT id, text FROM {table}
                WHERE {stored_key} = {wanted_key}
                ORDER BY id LIMIT {CANDIDATES}
            ) AS c
            ORDER BY w.n, c.id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [texts])
            for n, pk, text in cursor.fetchall():
                found[n - 1].append((pk, text))
        return found
    by_word: dict[str | None, list[tuple[int, str]]] = {}
    for n, text in enumerate(texts):
        words = sorted(re.findall(r"\w{4,}", text), key=len, reverse=True)
        word = words[0] if words else None
        if word not in by_word:
            claims = Claim.objects.filter(text__icontains=word) if word else Claim.objects.all()
            by_word[word] = list(claims.order_by("pk").values_list("pk", "text"))
        wanted = _comparable(text)
        found[n] = [(pk, other) for pk, other in by_word[word] if _comparable(other) == wanted][:CANDIDATES]
    return found


def best_same_sentence(text: str, candidates: Iterable[tuple[object, str]]):
    """The candidate (its first item) whose sentence is `text`'s by SAME_CLAIM_SIMILARITY, with the
    same numbers; of equally good ones, the last."""
    wanted = _comparable(text)
    numbers = _numbers(wanted)
    best, best_score = None, SAME_CLAIM_SIMILARITY
    for claim, other_text in candidates:
        other = _comparable(other_text)
        if _numbers(other) != numbers:
            continue
        score = fuzz.ratio(wanted, other, score_cutoff=best_score)
        if score >= best_score:
            best, best_score = claim, score
    return best


@lru_cache(maxsize=20_000)  # a chunk's records share many candidates
def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _known_claim(key: str) -> Claim | None:
    review = ExternalReview.objects.filter(key=key).select_related("claim").first()
    return review.claim if review else None


def _claim_with_sources(sources: list[Source]) -> Claim | None:
    with_url = [source.pk for source in sources if source.url]
    if not with_url:
        return None
    return (
        Claim.objects.filter(Q(quotes__source__in=with_url) | Q(external_reviews__appearances__in=with_url))
        .order_by("pk")
        .first()
    )


def _actor(agent: Agent) -> Actor:
    return get_or_create_actor(name=agent.name[:200], kind=agent.kind)[0]


def _source(appearance: Appearance) -> Source:
    if appearance.url:
        source = Source.objects.filter(url=appearance.url).first()
    else:
        source = Source.objects.filter(
            url__isnull=True, title=appearance.title, published_on=appearance.published_on
        ).first()
    if source is not None:
        return source
    return Source.objects.create(
        kind=source_kind(appearance.url),
        title=appearance.title,
        url=appearance.url,
        published_on=appearance.published_on,
        publisher=_actor(appearance.publisher) if appearance.publisher else None,
        language="und",
    )


class _Chunk:
    """The records of one chunk, imported as import_review() imports each in turn, with a fixed number of
    queries: what they refer to (reviews by key, sources by URL, actors by name, the claims quoting those
    sources, the candidates for the same sentence) is read once for all; new claims, reviews, their
    appearances and the history rows their saves would have written are inserted in bulk, and the claims
    they change are marked changed in one update (claims.freshness does it per save otherwise)."""

    def __init__(self, records: dict[int, ReviewRecord]) -> None:
        self.records = records
        self.keys = {index: review_key(record) for index, record in records.items()}
        self.reviews: dict[str, ExternalReview] = {
            review.key: review for review in ExternalReview.objects.filter(key__in=set(self.keys.values()))
        }
        self.known_appearances: dict[int, set[int]] = defaultdict(set)
        if self.reviews:
            links = ExternalReview.appearances.through.objects.filter(
                externalreview__in=[review.pk for review in self.reviews.values()]
            )
            for review_pk, source_pk in links.values_list("externalreview_id", "source_id"):
                self.known_appearances[review_pk].add(source_pk)
        self.sources = self._known_sources()
        # Per source, the first claim quoting it or reviewed with it as an appearance: a claim's pk,
        # or a claim of this chunk not yet inserted.
        self.claim_of_source: dict[int, int | Claim] = self._claims_of_sources()
        self.actors = self._known_actors()
        self._new_actors()
        self._new_sources()
        self.candidates = self._candidates()
        self.new_claims: list[Claim] = []  # not inserted yet
        self.made_claims: list[Claim] = []  # every claim this chunk opened, inserted or not
        self.new_reviews: list[tuple[ExternalReview, list[Source]]] = []
        self.changed: set[int] = set()

    def run(self) -> dict[int, str]:
        outcomes = {index: self._import(index, record) for index, record in self.records.items()}
        self._flush()
        return outcomes

    # What the records refer to, read once.

    def _known_sources(self) -> dict:
        appearances = [
            appearance
            for record in self.records.values()
            for appearance in [*record.appearances, record.first_appearance]
            if appearance is not None
        ]
        urls = {appearance.url for appearance in appearances if appearance.url}
        found: dict = {}
        if urls:
            found.update((source.url, source) for source in Source.objects.filter(url__in=urls))
        without_url = list({(a.title, a.published_on) for a in appearances if not a.url})
        # A query per 100 documents without a URL: SQLite parses a long OR as deep as it is long.
        for start in range(0, len(without_url), 100):
            query = Q()
            for title, published_on in without_url[start : start + 100]:
                query |= Q(title=title, published_on=published_on)
            for source in Source.objects.filter(query, url__isnull=True):
                found.setdefault((source.title, source.published_on), source)
        return found

    def _known_actors(self) -> dict[str, Actor]:
        agents = [
            agent
            for record in self.records.values()
            for agent in [
                record.reviewer,
                record.claimant,
                *(
                    appearance.publisher
                    for appearance in [*record.appearances, record.first_appearance]
                    if appearance
                ),
            ]
            if agent is not None
        ]
        keys = {_agent_key(agent) for agent in agents} - {""}
        found: dict[str, Actor] = {}
        if keys:
            for alias in ActorAlias.objects.filter(name_key__in=keys).select_related("actor"):
                found[alias.name_key] = alias.actor
            found.update((actor.name_key, actor) for actor in Actor.objects.filter(name_key__in=keys))
        return found

    def _new_actors(self) -> None:
        """Record at once the actors the chunk names that are not known yet, as get_or_create_actor() would
        record each in turn: under the first spelling met, of the kind it is met as."""
        new: dict[str, Actor] = {}
        seen_sources = set(self.sources)
        for record in self.records.values():
            agents = []
            for appearance in [*record.appearances, record.first_appearance]:
                if appearance is not None and (key := _source_key(appearance)) not in seen_sources:
                    seen_sources.add(key)
                    agents.append(appearance.publisher)
            agents += [record.reviewer, record.claimant]
            for agent in agents:
                if agent is None or (key := _agent_key(agent)) in self.actors or key in new or not key:
                    continue
                actor = Actor(
                    name=" ".join(agent.name[:200].split()), kind=agent.kind or Actor.Kind.ORGANISATION
                )
                try:
                    # Actor.clean() would ask whether an alias holds the name: _known_actors() found none.
                    actor.clean_fields()
                except ValidationError:
                    continue  # left to get_or_create_actor(), which says why
                actor._history_user = None  # as get_or_create_actor(by=None) records it
                if set_name(actor) == key:
                    new[key] = actor
        if new:
            Actor.objects.bulk_create(new.values())
            _record_history(list(new.values()), "+")
            self.actors.update(new)

    def _new_sources(self) -> None:
        """Record at once the appearances not known yet, as Source.objects.create() would record each: a
        document without text, its URL normalised, by its publisher."""
        new: dict = {}
        for record in self.records.values():
            for appearance in [*record.appearances, record.first_appearance]:
                if appearance is None or (key := _source_key(appearance)) in self.sources or key in new:
                    continue
                source = Source(
                    kind=source_kind(appearance.url),
                    title=appearance.title,
                    url=normalize_url(appearance.url) if appearance.url else None,
                    published_on=appearance.published_on,
                    publisher=self._actor(appearance.publisher) if appearance.publisher else None,
                    language="und",
                )
                source.capture(source.text)  # no text: no capture
                new[key] = source
        if new:
            Source.objects.bulk_create(new.values())
            _record_history(list(new.values()), "+")
            self.sources.update(new)

    def _claims_of_sources(self) -> dict[int, int | Claim]:
        pks = {source.pk for source in self.sources.values() if source.url}
        first: dict[int, int | Claim] = {}
        if not pks:
            return first
        quoted = (
            Quote.objects.filter(source__in=pks)
            .order_by()
            .values("source")
            .annotate(first=Min("claim"))
            .values_list("source", "first")
        )
        reviewed = (
            ExternalReview.appearances.through.objects.filter(source__in=pks)
            .order_by()
            .values("source")
            .annotate(first=Min("externalreview__claim"))
            .values_list("source", "first")
        )
        for source, claim in [*quoted, *reviewed]:
            first[source] = min(first.get(source, claim), claim)
        return first

    def _candidates(self) -> dict[int, list[tuple[int, str]]]:
        """The claims with the sentence of each record known neither by key nor by a source."""
        wanted = {}
        for index, record in self.records.items():
            if self.keys[index] in self.reviews:
                continue
            appearances = [self.sources.get(_source_key(a)) for a in record.appearances]
            if any(source and source.url and source.pk in self.claim_of_source for source in appearances):
                continue
            wanted[index] = record.claim_text
        return dict(zip(wanted, sentence_candidates(list(wanted.values())), strict=True))

    # Each record, in turn.

    def _import(self, index: int, record: ReviewRecord) -> str:
        key = self.keys[index]
        appearances = [self._source(appearance) for appearance in record.appearances]
        first = self._source(record.first_appearance) if record.first_appearance else None
        values = review_values(record, self._actor, first)
        review = self.reviews.get(key)
        if review is not None:
            if review.pk is None:  # met earlier in this chunk: written first, then updated as a known review
                self._flush()
            return self._update(review, values, appearances)
        claim = self._claim_with_sources(appearances) or self._claim_with_same_sentence(index, record)
        outcome = "matched"
        if claim is None:
            claim = Claim(text=record.claim_text)
            self.new_claims.append(claim)
            self.made_claims.append(claim)
            outcome = "created"
        review = ExternalReview(key=key, **values)
        if isinstance(claim, Claim):
            review.claim = claim
        else:
            review.claim_id = claim
        distinct = list({source.pk: source for source in appearances}.values())
        self.new_reviews.append((review, distinct))
        self.reviews[key] = review
        for source in distinct:
            known = self.claim_of_source.get(source.pk)
            if known is None or self._order(claim) < self._order(known):
                self.claim_of_source[source.pk] = claim
        return outcome

    def _update(self, review: ExternalReview, values: dict, appearances: list[Source]) -> str:
        # The same review met again (another crawl, another page listing it): what it says fills in and
        # corrects what we have, but a record that leaves a field out never erases it.
        changed = {
            name: value
            for name, value in values.items()
            if value not in (None, "") and _stored(review, name) != _stored_value(value)
        }
        known = self.known_appearances[review.pk]
        added = list({source.pk: source for source in appearances if source.pk not in known}.values())
        if not update_review(review, changed, added):
            return "skipped"
        known.update(source.pk for source in added)
        return "matched"

    def _claim_with_sources(self, sources: list[Source]) -> int | Claim | None:
        claims = [self.claim_of_source.get(source.pk) for source in sources if source.url]
        claims = [claim for claim in claims if claim is not None]
        return min(claims, key=self._order) if claims else None

    def _claim_with_same_sentence(self, index: int, record: ReviewRecord) -> int | Claim | None:
        stored = self.candidates.get(index)
        if stored is None:  # matched by a source when the chunk began, by none now: never so, but be sure
            stored = sentence_candidates([record.claim_text])[0]
        wanted = _comparable(record.claim_text)
        ours = [(claim, claim.text) for claim in self.made_claims if _comparable(claim.text) == wanted]
        return best_same_sentence(record.claim_text, [*stored, *ours][:CANDIDATES])

    def _order(self, claim: int | Claim) -> tuple[int, int]:
        """Claims in the order of their numbers: those of this chunk come after every stored one."""
        if isinstance(claim, Claim):
            return (1, self.made_claims.index(claim))
        return (0, claim)

    def _actor(self, agent: Agent) -> Actor:
        key = _agent_key(agent)
        actor = self.actors.get(key) if key else None
        if actor is None:
            actor = _actor(agent)
            if key:
                self.actors[key] = actor
        return actor

    def _source(self, appearance: Appearance) -> Source:
        key = _source_key(appearance)
        source = self.sources.get(key)
        if source is None:
            source = Source.objects.create(
                kind=source_kind(appearance.url),
                title=appearance.title,
                url=appearance.url,
                published_on=appearance.published_on,
                publisher=self._actor(appearance.publisher) if appearance.publisher else None,
                language="und",
            )
            self.sources[key] = source
        return source

    # Writing what the records made.

    def _flush(self) -> None:
        if self.new_claims:
            now = timezone.now()
            for claim, slug in zip(self.new_claims, _free_slugs(self.new_claims), strict=True):
                claim.slug, claim.changed_at = slug, now
            Claim.objects.bulk_create(self.new_claims)
            _record_history(self.new_claims, "+")
        reviews = [review for review, _ in self.new_reviews]
        if reviews:
            ExternalReview.objects.bulk_create(reviews)
            _record_history(reviews, "+")
            through = ExternalReview.appearances.through
            links = [
                through(externalreview_id=review.pk, source_id=source.pk)
                for review, sources in self.new_reviews
                for source in sources
            ]
            through.objects.bulk_create(links)
            for link in links:
                self.known_appearances[link.externalreview_id].add(link.source_id)
            # appearances.set() wrote a second history row, with the appearances, for each review having any.
            linked = [review for review, sources in self.new_reviews if sources]
            rows = dict(zip((review.pk for review in linked), _record_history(linked, "~"), strict=True))
            m2m_history = ExternalReview.history.model.appearances.model
            m2m_history.objects.bulk_create(
                [
                    m2m_history(
                        history=rows[link.externalreview_id],
                        id=link.pk,
                        externalreview_id=link.externalreview_id,
                        source_id=link.source_id,
                    )
                    for link in links
                ]
            )
            # A claim opened by this chunk was marked when it was inserted, a moment ago.
            opened = {claim.pk for claim in self.new_claims}
            Claim.objects.filter(pk__in={review.claim_id for review in reviews} - opened).mark_changed()
        self.new_claims, self.new_reviews = [], []


def _agent_key(agent: Agent) -> str:
    return name_key(agent.name[:200])


def _source_key(appearance: Appearance):
    return appearance.url if appearance.url else (appearance.title, appearance.published_on)


def _stored(review: ExternalReview, name: str):
    field = ExternalReview._meta.get_field(name)
    return getattr(review, field.attname)


def _stored_value(value):
    return value.pk if isinstance(value, Actor | Source) else value


def _free_slugs(claims: list[Claim]) -> list[str]:
    """The slugs Claim.save() would give these new claims, one after the other: two queries for all."""
    bases = [slugify(claim.text)[:100].strip("-") or "claim" for claim in claims]
    tried = {f"{base}-{n}" if n > 1 else base for base in bases for n in range(1, SLUG_TRIES + 1)}
    taken = set(Claim.objects.filter(slug__in=tried).values_list("slug", flat=True))
    taken |= set(FormerSlug.objects.filter(slug__in=tried).values_list("slug", flat=True))
    slugs = []
    for claim, base in zip(claims, bases, strict=True):
        free = next(
            (s for n in range(1, SLUG_TRIES + 1) if (s := f"{base}-{n}" if n > 1 else base) not in taken),
            None,
        )
        if free is None:  # many claims of this sentence: ask the database, as Claim.save() does
            free = claim._unique_slug()
            while free in taken:
                free += "-x"
        taken.add(free)
        slugs.append(free)
    return slugs


def _record_history(objects: list, history_type: str) -> list:
    """The history rows simple_history writes when each object is saved ("+") or its links change ("~")."""
    if not objects:
        return []
    history = type(objects[0]).history.model
    now = timezone.now()
    rows = [
        history(
            history_date=getattr(obj, "_history_date", now),
            history_type=history_type,
            history_user=history.get_default_history_user(obj),
            history_change_reason=None,
            **{field.attname: getattr(obj, field.attname) for field in history.tracked_fields},
        )
        for obj in objects
    ]
    return history.objects.bulk_create(rows)


def review_values(record: ReviewRecord, actor, first) -> dict:
    """An external review's fields from its record; `actor` finds or makes the reviewer and the claimant."""
    return {
        "reviewer": actor(record.reviewer),
        "url": record.url,
        "title": record.title,
        "claim_reviewed": record.claim_reviewed,
        "rating_label": record.rating_label,
        "verdict": record.verdict or "",
        "rating_value": record.rating_value,
        "best_rating": record.best_rating,
        "worst_rating": record.worst_rating,
        "reviewed_on": record.reviewed_on,
        "language": record.language,
        "claimant": actor(record.claimant) if record.claimant else None,
        "claimed_on": record.claimed_on,
        "first_appearance": first,
    }


def update_review(review: ExternalReview, changed: dict, added: list[Source]) -> bool:
    """Record a review's changed fields and its new appearances; whether there was anything to record."""
    if changed:
        for name, value in changed.items():
            setattr(review, name, value)
        review.save(update_fields=list(changed))
    if added:
        review.appearances.add(*added)
    return bool(changed or added)
