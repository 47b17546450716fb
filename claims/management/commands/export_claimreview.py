from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from claims.claimreview.export import export_encoder, write_data_feed
from claims.claimreview.feed_file import write_feed_file
from claims.claimreview.markup import organisation
from claims.jobs import current, queue_export


class Command(BaseCommand):
    help = "Write our published verdicts as a Data Commons DataFeed of ClaimReview items."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", required=True, help="The public site's address, e.g. https://factcheck.example.org"
        )
        parser.add_argument("-o", "--output", help="File to write; standard output when left out.")
        parser.add_argument(
            "--feed-file",
            action="store_true",
            help="(Re)write the file GET /api/v1/claimreview-feed/ serves for --base-url (under EXPORT_ROOT), "
            "unless the latest one is current: what a deploy runs before the first request.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Hand the export to a background job (a Celery worker) that writes the file under MEDIA_ROOT.",
        )

    def handle(self, *args, base_url, output, background, feed_file, **options):
        try:
            URLValidator(schemes=["http", "https"])(base_url)
        except ValidationError:
            raise CommandError(f"--base-url must be an http(s) address, got {base_url!r}.") from None
        if feed_file:
            if output or background:
                raise CommandError("--feed-file writes the endpoint's file under EXPORT_ROOT, at once.")
            written = write_feed_file(base_url=base_url)
            self.stderr.write(f"{written.reviews} reviews in {written.path} ({written.size:,} bytes).")
            return
        if background:
            if output:
                raise CommandError("--background writes its file under MEDIA_ROOT: leave out --output.")
            job = current(queue_export(base_url=base_url, by=None))
            written = f": {job.output.path}" if job.output else ""
            self.stdout.write(f"Job #{job.pk}, {job.status}{written}")
            return
        # Written as it is read, a review at a time: memory stays the same whatever the archive's size.
        reviews = 0

        def count(done: int) -> None:
            nonlocal reviews
            reviews = done

        text = write_data_feed(
            base_url=base_url, organisation=organisation(base_url), encoder=export_encoder(), progress=count
        )
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.writelines(text)
                file.write("\n")
            self.stderr.write(f"{reviews} reviews written to {output}.")
        else:
            for piece in text:
                self.stdout.write(piece, ending="")
            self.stdout.write("")
