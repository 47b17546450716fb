import argparse
import os
import sys
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.ingestion.from_url import ingest_url
from claims.ingestion.suggest import ingest
from sources.actor_matching import ActorIndex
from sources.capture import CaptureError, max_text_bytes, read_text
from sources.models import Source


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” is not a date; write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Capture articles as sources and suggest the citations and numeric quotes an editor would record "
        "(review them in the admin under Suggested citations and Suggested quotes). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            help="Text files (UTF-8) to ingest; - reads standard input. None with --url: the page is fetched.",
        )
        parser.add_argument("--title", default="", help="The title (one file only); else the first line.")
        parser.add_argument("--url", default="", help="Where the document is published (one file only).")
        parser.add_argument(
            "--publisher", default="", help="Who published it: a recorded actor's name or alias."
        )
        parser.add_argument("--published", type=iso_date, help="When it was published, as YYYY-MM-DD.")
        parser.add_argument(
            "--language", default="", help="BCP 47 tag (default: a fetched page's own, else en)."
        )
        parser.add_argument("--kind", default=Source.Kind.ARTICLE, choices=Source.Kind.values)
        parser.add_argument("--encoding", default="utf-8", help="The files' encoding (default utf-8).")

    def handle(self, *args, files, title, url, publisher, published, language, kind, encoding, **options):
        if len(files) > 1 and (title or url):
            raise CommandError("--title and --url name one document: give them with one file only.")
        if not files and not url:
            raise CommandError("Name the files to ingest, or give --url alone to fetch the page.")
        if not files:
            return self._ingest_url(url, title, kind, publisher, published, language)
        language = language or "en"
        index = ActorIndex.load()
        failed, outcomes = [], {"created": 0, "unchanged": 0, "recaptured": 0}
        citations = quotes = 0
        # On a terminal only; the raw stream, since Django's wrapper would end each redraw with a new line.
        for name in tqdm(files, desc="Ingesting", unit="file", disable=None, file=self.stderr._out):
            label = "standard input" if name == "-" else name
            try:
                text = read_text(_read(name), name=label, encoding=encoding)
                result = ingest(
                    text=text,
                    url=url,
                    title=title,
                    kind=kind,
                    publisher=publisher,
                    published_on=published,
                    language=language,
                    index=index,
                )
            except CaptureError as error:
                self.stderr.write(self.style.ERROR(str(error)))
                failed.append(label)
                continue
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.stderr.write(self.style.ERROR(f"{label}: {field}: {' '.join(messages)}"))
                failed.append(label)
                continue
            outcomes[result.outcome] += 1
            citations += len(result.citations)
            quotes += len(result.quotes)
            self.stdout.write(f"{label}: {result}")
            for note in result.notes:
                self.stdout.write(f"  {note}")
        if len(files) > 1:
            done = ", ".join(f"{count} {outcome}" for outcome, count in outcomes.items())
            self.stdout.write(f"In all: {done}; {citations} citation and {quotes} quote suggestion(s).")
        if failed:
            raise CommandError(f"Nothing was ingested from {', '.join(failed)}.")

    def _ingest_url(self, url, title, kind, publisher, published, language):
        try:
            result = ingest_url(
                url=url,
                title=title,
                kind=kind,
                publisher=publisher,
                published_on=published,
                language=language,
            )
        except ValidationError as error:
            raise CommandError(
                " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            ) from None
        self.stdout.write(f"{url}: {result}")
        for note in result.notes:
            self.stdout.write(f"  {note}")


def _read(name: str) -> bytes:
    limit = max_text_bytes()
    if name == "-":
        return sys.stdin.buffer.read(limit + 1)  # one byte past the limit is enough to refuse it
    try:
        with open(name, "rb") as file:
            if (size := os.fstat(file.fileno()).st_size) > limit:
                raise CaptureError(
                    f"{name} is {size / 1_000_000:.1f} MB; texts of at most {limit / 1_000_000:.1f} MB are ingested."
                )
            return file.read()
    except OSError as error:
        raise CaptureError(f"{name} cannot be read: {error.strerror}.") from None
