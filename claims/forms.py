from collections.abc import Callable

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from claims.models import Claim, Quote
from claims.search import search_claims
from claims.verdicts import Verdict
from sources.capture import CaptureError, checked_fields, clean_text, max_text_bytes, read_text
from sources.models import Actor, Source


class ClaimFilterForm(forms.Form):
    CONTESTED_CHOICES = [("", "Any"), ("yes", "Accounts disagree"), ("no", "No open disagreement")]

    q = forms.CharField(
        label="Search claims",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words to find"}),
    )
    verdict = forms.ChoiceField(
        label="Verdict", required=False, choices=[("", "Any verdict"), *Verdict.choices]
    )
    # A name, not a list: an archive quotes thousands of actors, too many to offer (and render) on every page.
    actor = forms.CharField(
        label="Quoted actor", required=False, max_length=200, help_text="A name or an alias, e.g. NOS."
    )
    contested = forms.ChoiceField(label="Disagreement", required=False, choices=CONTESTED_CHOICES)

    def __init__(self, *args, actors: QuerySet | Callable[[], QuerySet], **kwargs):
        """`actors`: those a name may match, or a function giving them (building that queryset costs
        more than the rest of the form: it is built only when an actor is asked for)."""
        super().__init__(*args, **kwargs)
        self.actors = actors

    def clean_actor(self) -> list[int]:
        """The ids of the actors, among those offered, with that name or alias."""
        name = self.cleaned_data["actor"].strip()
        if not name:
            return []
        actors = self.actors() if callable(self.actors) else self.actors
        found = list(
            actors.filter(pk__in=Actor.objects.named(name).values("pk")).values_list("pk", flat=True)
        )
        if not found:
            raise ValidationError(
                "No actor of that name or alias is quoted in a published claim.", code="unknown"
            )
        return found

    @classmethod
    def lenient(
        cls, data, *, actors: QuerySet | Callable[[], QuerySet]
    ) -> tuple["ClaimFilterForm", list[tuple[str, str, str]]]:
        """A bound form that drops the values it cannot use (an old bookmark's actor, a verdict
        we no longer have), with the (label, value, why) it dropped for the page to name."""
        form = cls(data or None, actors=actors)
        if not form.is_bound or form.is_valid():
            return form, []
        data = data.copy()
        ignored = [
            (str(form.fields[name].label), data.pop(name, [""])[-1], " ".join(errors))
            for name, errors in form.errors.items()
        ]
        form = cls(data, actors=actors)
        form.is_valid()
        return form, ignored

    def filter(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        """Narrow `claims` (annotated with_flags()) by the valid filters."""
        data = self.cleaned_data
        if data["verdict"]:
            claims = claims.filter(verdict=data["verdict"])
        if actors := data["actor"]:
            by_actor = Quote.objects.filter(
                Q(speaker__in=actors) | Q(source__publisher__in=actors), claim=OuterRef("pk")
            )
            claims = claims.filter(Exists(by_actor))
        if data["contested"]:
            claims = claims.filter(contested=data["contested"] == "yes")
        return search_claims(claims, data["q"])


# What an uploaded file may be written in; "auto" reads UTF-8, or the encoding its byte-order mark names.
ENCODINGS = [
    ("auto", "Automatic (UTF-8)"),
    ("utf-8", "UTF-8"),
    ("windows-1252", "Windows-1252 (Western)"),
    ("iso-8859-1", "Latin-1 (ISO-8859-1)"),
    ("iso-8859-15", "Latin-9 (ISO-8859-15)"),
    ("mac-roman", "Mac OS Roman"),
    ("windows-1250", "Windows-1250 (Central Europe)"),
    ("windows-1251", "Windows-1251 (Cyrillic)"),
    ("koi8-r", "KOI8-R (Russian)"),
    ("utf-16", "UTF-16"),
    ("gb18030", "GB 18030 (Chinese)"),
    ("shift_jis", "Shift JIS (Japanese)"),
]


class IngestForm(forms.Form):
    """The admin's "add from text" page: a pasted text or an uploaded file, with what is known of it."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Paste the document's full text, or upload it as a file below.",
    )
    file = forms.FileField(required=False, help_text="A plain-text file, such as a saved article.")
    encoding = forms.ChoiceField(
        label="File encoding",
        choices=ENCODINGS,
        initial="auto",
        required=False,
        help_text="For an uploaded file that is not UTF-8: automatic reads UTF-8, or what a byte-order "
        "mark says. A pasted text needs none.",
    )
    title = forms.CharField(max_length=500, required=False, help_text="Left empty, the text's first line.")
    url = forms.CharField(
        label="URL",
        max_length=2000,
        required=False,
        help_text="Where it is published. Give the URL alone to fetch the page and read its article from it.",
    )
    kind = forms.ChoiceField(choices=Source.Kind.choices, initial=Source.Kind.ARTICLE)
    publisher = forms.CharField(
        max_length=200,
        required=False,
        help_text="A recorded actor's name or alias; a name not yet recorded is added as a news outlet.",
    )
    published_on = forms.DateField(
        label="Published on",
        required=False,
        widget=AdminDateWidget,
        help_text="Relative times are read from it.",
    )
    language = forms.CharField(
        max_length=35,
        required=False,
        initial="en",
        help_text="BCP 47 tag; suggestions are made for English. Left empty, the page's own, else en.",
    )
    # Set by a source page's "capture it again" link: the text is a new capture of that source.
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False, widget=forms.HiddenInput)

    def clean(self):
        """Every field's problems at once: the text or file, and what ingestion would refuse of the rest."""
        cleaned = super().clean()
        self._clean_content(cleaned)
        try:
            checked_fields(
                url=cleaned.get("url") or "",
                title=cleaned.get("title") or "",
                kind=cleaned.get("kind") or Source.Kind.ARTICLE,
                # Left empty, the language is the fetched page's own, else English.
                language=cleaned.get("language") or "en",
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)
        return cleaned

    def _clean_content(self, cleaned: dict) -> None:
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if text.strip() and upload:
            self.add_error(None, "Paste a text or upload a file, not both.")
            return
        try:
            if upload:
                if upload.size > max_text_bytes():
                    raise CaptureError(
                        f"{upload.name} is {upload.size / 1_000_000:.1f} MB; texts of at most "
                        f"{max_text_bytes() / 1_000_000:.1f} MB are ingested."
                    )
                chosen = cleaned.get("encoding") or "auto"
                cleaned["content"] = read_text(
                    upload.read(),
                    name=upload.name,
                    encoding="utf-8" if chosen == "auto" else chosen,
                    remedy="Choose its encoding under “File encoding” (Windows-1252 or Latin-1 for most "
                    "Western European texts), or save it as UTF-8.",
                )
            elif text.strip():
                cleaned["content"] = clean_text(text)
            elif (cleaned.get("url") or "").strip():
                cleaned["content"] = ""  # the page at the URL is fetched
            else:
                self.add_error("text", "Paste the text, upload a file, or give the URL to fetch it from.")
        except CaptureError as error:
            self.add_error("file" if upload else "text", str(error))
