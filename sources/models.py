import hashlib
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Length
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sources.anchoring import find_quote
from sources.urlnorm import normalize_url

models.CharField.register_lookup(Length)

validate_wikidata_id = RegexValidator(r"^Q[1-9][0-9]*$", "Enter a Wikidata item id such as Q42.")
validate_language = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "Enter a BCP 47 language tag such as en or nl-BE."
)


def set_name(record: "Actor | ActorAlias") -> str:
    """Tidy the record's name and fill in its lookup key; return the key."""
    record.name = " ".join(record.name.split())
    record.name_key = name_key(record.name)
    return record.name_key


def name_key(name: str) -> str:
    """Fold a name for lookups: case, accents and spacing do not tell actors apart."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.casefold().split())


class ActorQuerySet(models.QuerySet):
    def named(self, name: str) -> "ActorQuerySet":
        """Actors whose name or a recorded alias is `name`, ignoring case and accents."""
        key = name_key(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    OFFICIAL = "official", "Official"
    OUTLET = "outlet", "News outlet"
    MINISTRY = "ministry", "Ministry or government body"
    INTELLIGENCE_SERVICE = "intelligence_service", "Intelligence service"
    ORGANISATION = "organisation", "Organisation"
    ANONYMOUS = "anonymous", "Anonymous source"


class Actor(models.Model):
    Kind = ActorKind

    name = models.CharField(max_length=200, help_text="The name as the actor spells it.")
    name_key = models.CharField(max_length=200, editable=False)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[validate_wikidata_id],
        help_text="For example Q42. Leave empty when unknown.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="actor_name_unique"),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_wikidata_id_unique",
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="actor_name_not_empty"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__startswith="Q"),
                name="actor_wikidata_id_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        set_name(self)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            # name_key is derived, never sent: a taken key is the name's problem, said in words.
            errors = error.update_error_dict({})
            if errors.pop("name_key", None):
                errors.setdefault("name", []).append("An actor with this name is already recorded.")
            raise ValidationError(errors) from None

    def clean(self) -> None:
        key = set_name(self)
        if self.name and not key:
            raise ValidationError({"name": "A name needs at least one letter or digit."})
        if key and ActorAlias.objects.filter(name_key=key).exclude(actor_id=self.pk).exists():
            raise ValidationError({"name": "This name is already recorded as another actor's alias."})


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=200, help_text="Another spelling, a misspelling or an abbreviation seen in sources."
    )
    name_key = models.CharField(max_length=200, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="actoralias_name_unique"),
            models.CheckConstraint(condition=~Q(name_key=""), name="actoralias_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        set_name(self)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        key = set_name(self)
        if not key:
            return
        if Actor.objects.filter(name_key=key).exclude(pk=self.actor_id).exists():
            raise ValidationError({"name": "This is already the name of another actor."})
        if ActorAlias.objects.filter(name_key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": "This alias is already recorded for an actor."})


class SourceKind(models.TextChoices):
    ARTICLE = "article", "Article"
    STATEMENT = "statement", "Official statement"
    LETTER = "letter", "Letter"
    REPORT = "report", "Report"
    INTERVIEW = "interview", "Interview"
    BROADCAST = "broadcast", "Broadcast"
    POST = "post", "Social media post"


class SourceStatus(models.TextChoices):
    CURRENT = "current", "As published"
    CORRECTED = "corrected", "Corrected by its publisher"
    RETRACTED = "retracted", "Retracted by its publisher"


class SourceQuerySet(models.QuerySet):
    def with_capture_count(self) -> "SourceQuerySet":
        """Annotate `capture_count`: how many different texts were captured; more than one means edited.
        A subquery per row, not a join grouped by source: a page of 100 sources (or a count of them all,
        or their distinct years and languages) never groups every source with its captures."""
        counts = (
            Capture.objects.filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(capture_count=Coalesce(Subquery(counts), 0))

    def edited(self) -> "SourceQuerySet":
        """Sources whose text changed after it was first captured."""
        return self.with_capture_count().filter(capture_count__gt=1)


class Source(models.Model):
    Kind = SourceKind
    Status = SourceStatus
    _new_capture = False  # set by capture() when the text changed, so that save() records the capture

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=500)
    # NULL, not "", for "no URL": unique constraints ignore NULLs, so URL-less documents coexist.
    url = models.URLField(  # noqa: DJ001
        "URL",
        max_length=2000,
        null=True,
        blank=True,
        help_text="Normalised on save: lower-case host, no fragment, no tracking parameters.",
    )
    publisher = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
    )
    authors = models.ManyToManyField(Actor, blank=True, related_name="authored_sources")
    published_on = models.DateField(
        null=True, blank=True, help_text="When the source appeared, as it says itself."
    )
    language = models.CharField(
        max_length=35, default="en", validators=[validate_language], help_text="BCP 47 tag."
    )
    text = models.TextField(
        "captured text",
        blank=True,
        help_text="The full text as captured. Quotes are anchored in it.",
    )
    text_sha256 = models.CharField("SHA-256 of the text", max_length=64, blank=True, editable=False)
    captured_at = models.DateTimeField(null=True, blank=True, editable=False)
    archive_url = models.URLField("archive URL", max_length=2000, blank=True)
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.CURRENT,
        help_text="Marking a source corrected or retracted flags every claim that relies on it for re-review.",
    )
    status_note = models.TextField(
        "what changed", blank=True, help_text="The publisher's correction or retraction."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            # NULL URLs never collide, so documents without one may coexist.
            models.UniqueConstraint(fields=["url"], name="source_url_unique"),
            # A text without a URL is one document: capturing it again finds it, even from a
            # concurrent request (whose insert waits for this row's and then fails).
            models.UniqueConstraint(
                fields=["text_sha256"],
                condition=Q(url__isnull=True) & ~Q(text_sha256=""),
                name="source_urlless_text_unique",
                violation_error_message="A source without a URL already holds exactly this text.",
            ),
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(condition=~Q(language=""), name="source_language_not_empty"),
            models.CheckConstraint(condition=Q(status__in=SourceStatus.values), name="source_status_valid"),
            models.CheckConstraint(
                condition=(
                    Q(text="", text_sha256="", captured_at__isnull=True)
                    | (~Q(text="") & Q(text_sha256__length=64, captured_at__isnull=False))
                ),
                name="source_text_hash_and_capture_time",
            ),
        ]
        indexes = [
            # Finding an already captured text when the same article arrives again.
            models.Index(fields=["text_sha256"], name="source_text_sha256_idx"),
            # Lists in the sources' order (the admin's, newest first) and in their quotes' (the quotes
            # admin), a page read from the index with ties sorted within a day; the admin's years and
            # first and last dates from the index alone.
            models.Index(fields=["published_on"], name="source_published_idx"),
            # The admin's language filter lists the languages present from the index alone.
            models.Index(fields=["language"], name="source_language_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.url == "":
            self.url = None
        elif self.url:
            self.url = normalize_url(self.url)
        self.capture(self.text)
        super().save(*args, **kwargs)
        if self._new_capture:
            # Every text a source ever had is kept, so an edit by its publisher can be shown and undone.
            Capture.objects.create(
                source=self, text=self.text, text_sha256=self.text_sha256, captured_at=self.captured_at
            )
            self._new_capture = False

    def clean(self) -> None:
        self.capture(self.text)
        if not self.url:
            self.url = None
        else:
            try:
                self.url = normalize_url(self.url)
            except ValidationError as error:
                raise ValidationError({"url": error.messages}) from error

    def capture(self, text: str) -> None:
        """Set the captured text; its hash and capture time follow it."""
        text = text.replace("\r\n", "\n")
        if not text.strip():
            self.text, self.text_sha256, self.captured_at = "", "", None
            return
        digest = text_digest(text)
        if digest != self.text_sha256 or self.captured_at is None:
            self.text, self.text_sha256, self.captured_at = text, digest, timezone.now()
            self._new_capture = True

    @property
    def has_text(self) -> bool:
        return bool(self.text)

    def previous_capture(self) -> "Capture | None":
        """The capture before the current text, when the text has changed since it was first captured."""
        return self.captures.exclude(text_sha256=self.text_sha256).order_by("-captured_at", "-pk").first()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Capture(models.Model):
    """One text of a source as captured at one time; the source holds the latest."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="captures")
    text = models.TextField()
    text_sha256 = models.CharField("SHA-256 of the text", max_length=64)
    captured_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["captured_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="capture_text_not_empty"),
            models.CheckConstraint(condition=Q(text_sha256__length=64), name="capture_sha256_length"),
        ]
        indexes = [
            # A source's captures, newest first; the previous text for the editor's comparison.
            models.Index(fields=["source", "-captured_at"], name="capture_source_time_idx"),
            # Ingesting a text seen before, as any source's current or earlier capture.
            models.Index(fields=["text_sha256"], name="capture_text_sha256_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} as captured {self.captured_at:%Y-%m-%d %H:%M}"


class CaptureArchive(models.Model):
    """The web response a capture's text was read from, kept as WARC records (sources/archive.py)."""

    capture = models.OneToOneField(
        Capture, on_delete=models.CASCADE, primary_key=True, related_name="archive"
    )
    url = models.URLField("URL asked for", max_length=2000)
    final_url = models.URLField("URL answered", max_length=2000)
    status = models.PositiveSmallIntegerField("HTTP status")
    fetched_at = models.DateTimeField()
    # In the database, not in files: the demo on SQLite and a server on PostgreSQL keep it alike,
    # and a backup of the database holds the evidence. A gzipped page is some tens of kilobytes.
    warc = models.BinaryField("WARC records", editable=False)
    warc_sha256 = models.CharField("SHA-256 of the WARC file", max_length=64)

    class Meta:
        verbose_name = "archived response"
        constraints = [
            models.CheckConstraint(condition=Q(warc_sha256__length=64), name="capturearchive_sha256_length"),
        ]

    def __str__(self) -> str:
        return f"{self.final_url} fetched {self.fetched_at:%Y-%m-%d %H:%M}"


class WatchState(models.TextChoices):
    LIVE = "live", "Live"
    CHANGED = "changed", "Changed since captured"
    REMOVED = "removed", "Removed by its publisher"
    REDIRECTED = "redirected", "Redirects elsewhere"
    UNREACHABLE = "unreachable", "Could not be fetched"
    BLOCKED = "blocked", "Its robots.txt forbids fetching"


class SourceWatchQuerySet(models.QuerySet):
    def unreviewed(self) -> "SourceWatchQuerySet":
        """Watches that found something (a changed text, a removed page, a redirect) no editor has gone through."""
        return self.filter(noticed_at__isnull=False).filter(
            Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=models.F("noticed_at"))
        )


class SourceWatch(models.Model):
    """What the last scheduled fetch of a source's URL found, and when to look again."""

    State = WatchState

    source = models.OneToOneField(Source, on_delete=models.CASCADE, primary_key=True, related_name="watch")
    state = models.CharField(max_length=16, choices=State.choices, default=State.LIVE)
    checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a fetch last found a text other than the one captured."
    )
    removed_at = models.DateTimeField(null=True, blank=True, help_text="When the page was first found gone.")
    noticed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a fetch last found a changed text, a removed page or a redirect.",
    )
    reviewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor last went through what the watch found."
    )
    http_status = models.PositiveSmallIntegerField("HTTP status", null=True, blank=True)
    moved_to = models.URLField(max_length=2000, blank=True, help_text="Where the page redirects to.")
    text_sha256 = models.CharField(
        "SHA-256 of the text last read from the page", max_length=64, blank=True, editable=False
    )
    etag = models.CharField("ETag", max_length=500, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=100, blank=True)
    failures = models.PositiveSmallIntegerField(default=0, help_text="Failed fetches in a row.")
    note = models.CharField(max_length=500, blank=True, help_text="Why the last fetch failed.")

    objects = SourceWatchQuerySet.as_manager()

    class Meta:
        verbose_name = "watched source"
        constraints = [
            models.CheckConstraint(condition=Q(state__in=WatchState.values), name="sourcewatch_state_valid"),
        ]
        indexes = [
            # The scheduler's question: which watched sources are due.
            models.Index(fields=["next_check_at"], name="sourcewatch_due_idx"),
            # The "Changed since captured" queue, newest first.
            models.Index(
                fields=["-noticed_at"], condition=Q(noticed_at__isnull=False), name="sourcewatch_noticed_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.get_state_display()}"

    @property
    def finding(self) -> str:
        """What the watch last noticed for an editor (the state may have moved on since)."""
        if self.changed_at is not None and self.changed_at == self.noticed_at:
            return "Text changed"
        return self.get_state_display()


class CitationRelation(models.TextChoices):
    QUOTES = "quotes", "quotes"
    PARAPHRASES = "paraphrases", "paraphrases"
    REPORTS = "reports", "reports"
    TRANSLATES = "translates", "translates"
    REPUBLISHES = "republishes", "republishes"


class Citation(models.Model):
    """One source relying on another source, or on an actor when no document is known."""

    Relation = CitationRelation

    citing = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="citations")
    cited_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by",
        help_text="The document relied on, when it is known.",
    )
    cited_actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        help_text="Who is relied on, when no document is known.",
    )
    relation = models.CharField(max_length=16, choices=Relation.choices, default=Relation.REPORTS)
    span_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    span_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    span_text = models.CharField(
        "words that say so",
        max_length=1000,
        blank=True,
        help_text='The citing text\'s own words, such as "NOS reported".',
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(cited_source__isnull=False, cited_actor__isnull=True)
                    | Q(cited_source__isnull=True, cited_actor__isnull=False)
                ),
                name="citation_cites_source_xor_actor",
            ),
            models.CheckConstraint(condition=~Q(citing=models.F("cited_source")), name="citation_not_self"),
            models.CheckConstraint(
                condition=Q(relation__in=CitationRelation.values), name="citation_relation_valid"
            ),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True)
                | Q(span_start__isnull=False, span_end__isnull=False, span_end__gt=models.F("span_start")),
                name="citation_span_ordered",
            ),
            models.UniqueConstraint(
                fields=["citing", "cited_source", "relation"],
                condition=Q(cited_source__isnull=False),
                name="citation_source_edge_unique",
            ),
            models.UniqueConstraint(
                fields=["citing", "cited_actor", "relation"],
                condition=Q(cited_actor__isnull=False),
                name="citation_actor_edge_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citing} {self.relation} {self.cited}"

    def save(self, *args, **kwargs) -> None:
        self.anchor_span()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if bool(self.cited_source_id) == bool(self.cited_actor_id):
            raise ValidationError("Cite either a source or an actor, not both and not neither.")
        if self.cited_source_id and self.cited_source_id == self.citing_id:
            raise ValidationError({"cited_source": "A source cannot cite itself."})

    @property
    def cited(self) -> Actor | Source | None:
        return self.cited_source or self.cited_actor

    def anchor_span(self) -> None:
        """Locate the attributing words in the citing source's text, when they are there."""
        anchor = None
        if self.span_text and self.citing_id:
            anchor = find_quote(self.citing.text, self.span_text, hint=self.span_start)
        if anchor is None:
            self.span_start = self.span_end = None
        else:
            self.span_start, self.span_end, self.span_text = anchor.start, anchor.end, anchor.exact
