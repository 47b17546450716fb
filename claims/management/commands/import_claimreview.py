import os
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.claimreview.importer import ImportSummary, import_claim_reviews
from claims.claimreview.parse import MAX_FEED_BYTES, FeedError, read_nodes
from claims.jobs import current, queue_import


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview records (JSON-LD, arrays, @graph, JSON Lines, "
        "Data Commons DataFeeds or HTML pages) as external reviews. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Files to read; none or - reads standard input.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Hand each file to a background job (a Celery worker) and print the job's number.",
        )

    def handle(self, *args, files, background, **options):
        if background:
            return self.queue(files or ["-"])
        failed = []
        total = ImportSummary()
        for name in files or ["-"]:
            try:
                # One byte past the limit is enough for read_nodes to refuse an oversized input.
                data = sys.stdin.buffer.read(MAX_FEED_BYTES + 1) if name == "-" else _read(name)
                nodes = read_nodes(data, name="standard input" if name == "-" else name)
            except FeedError as error:
                self.stderr.write(self.style.ERROR(str(error)))
                failed.append(name)
                continue
            with tqdm(total=len(nodes), desc=name, unit="record", disable=None, file=sys.stderr) as bar:
                summary = import_claim_reviews(nodes, progress=bar.update)
            if not summary.found:
                self.stderr.write(
                    self.style.WARNING(f"{name}: there is no ClaimReview in it (no object of that @type).")
                )
            for note in summary.notes:
                self.stderr.write(self.style.WARNING(f"{name}: {note}"))
            for rejection in summary.rejected:
                self.stderr.write(self.style.WARNING(f"{name}: rejected {rejection}"))
            self.stdout.write(f"{name}: {summary}")
            total.created += summary.created
            total.matched += summary.matched
            total.skipped += summary.skipped
            total.rejected += summary.rejected
        if len(files) > 1:
            self.stdout.write(f"In all: {total}")
        if failed:
            raise CommandError(f"Nothing was imported from {', '.join(failed)}.")

    def queue(self, files: list[str]) -> None:
        for name in files:
            try:
                data = sys.stdin.buffer.read(MAX_FEED_BYTES + 1) if name == "-" else _read(name)
            except FeedError as error:
                raise CommandError(str(error)) from None
            job = current(queue_import(data=data, name="standard input" if name == "-" else name, by=None))
            self.stdout.write(
                f"{name}: job #{job.pk}, {job.status}{f': {s}' if (s := job.result.get('summary')) else ''}"
            )
            if job.error:
                self.stderr.write(self.style.ERROR(f"{name}: {job.error}"))


def _read(name: str) -> bytes:
    try:
        with open(name, "rb") as file:
            if (size := os.fstat(file.fileno()).st_size) > MAX_FEED_BYTES:
                raise FeedError(
                    f"{name} is {size / 1024 / 1024:.0f} MB; feeds of at most "
                    f"{MAX_FEED_BYTES // 1024 // 1024} MB are read. Split it into smaller files."
                )
            return file.read()
    except OSError as error:
        raise FeedError(f"{name} cannot be read: {error.strerror}.") from None
