"""manage.py ingest: many files with a progress bar, what is known of them, and a clear refusal of what is not text."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import CitationSuggestion, QuoteSuggestion
from sources.models import Source

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parents[3] / "claims" / "demo" / "articles"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), Terminal()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_many_files_are_ingested_with_a_summary():
    files = sorted(str(path) for path in ARTICLES.glob("*.txt"))

    out, err = run(*files, "--published", "2022-04-19")

    assert Source.objects.count() == 3
    assert set(Source.objects.values_list("published_on", flat=True)) == {date(2022, 4, 19)}
    assert "In all: 3 created, 0 unchanged, 0 recaptured; 23 citation and 18 quote suggestion(s)." in out
    assert CitationSuggestion.objects.count() == 23 and QuoteSuggestion.objects.count() == 18
    assert "Ingesting: 100%" in err and "3/3" in err  # the progress bar, on a terminal's standard error


def test_what_is_known_of_one_document_is_recorded(tmp_path):
    article = tmp_path / "letter.txt"
    article.write_text("The minister wrote that 17 diplomats had to leave.", encoding="utf-8")

    run(
        str(article),
        "--title=Letter to parliament",
        "--url=https://www.government.nl/letter?utm_source=mail",
        "--publisher=Ministry of Foreign Affairs",
        "--published=2022-03-29",
        "--language=en-GB",
        "--kind=letter",
    )

    source = Source.objects.get()
    assert (source.title, source.url, source.kind, source.language) == (
        "Letter to parliament",
        "https://www.government.nl/letter",
        "letter",
        "en-GB",
    )
    assert (source.publisher.name, source.published_on) == ("Ministry of Foreign Affairs", date(2022, 3, 29))


def test_running_again_changes_nothing():
    path = str(ARTICLES / "nl-2-expelled-high-tech-2020.txt")
    run(path)

    out, _ = run(path)

    assert "already captured: 0 citation and 0 quote suggestion(s)" in out
    assert Source.objects.count() == 1


def test_files_that_are_not_text_are_refused_one_by_one_and_the_rest_ingested(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7 ...")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("Eight spies were expelled, NOS reported.")
    names = [
        str(tmp_path / name) for name in ("scan.pdf", "latin1.txt", "empty.txt", "missing.txt", "good.txt")
    ]

    with pytest.raises(
        CommandError,
        match=r"Nothing was ingested from .*scan\.pdf, .*latin1\.txt, .*empty\.txt, .*missing\.txt",
    ):
        run(*names)

    assert Source.objects.get().title == "Eight spies were expelled, NOS reported."


def test_a_named_encoding_is_read(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(b"Eight spies left the caf\xe9, NOS reported.")

    run(str(tmp_path / "latin1.txt"), "--encoding=cp1252")

    assert "café" in Source.objects.get().text


def test_a_fifty_megabyte_file_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(50 * 1024 * 1024)

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(big), stderr=err)

    assert "big.txt is 52.4 MB; texts of at most 5.0 MB are ingested." in err.getvalue()
    assert not Source.objects.exists()


def test_a_date_that_is_not_a_date_is_refused_before_anything_is_read():
    with pytest.raises(CommandError, match="“last Tuesday” is not a date; write it as YYYY-MM-DD"):
        call_command("ingest", "whatever.txt", "--published=last Tuesday")


def test_bad_metadata_is_reported_by_field(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "a.txt"), "--url=not a url", stderr=err)

    assert "url: Enter a valid URL." in err.getvalue()
    assert not Source.objects.exists()


def test_a_title_or_url_with_several_files_is_refused():
    with pytest.raises(CommandError, match="give them with one file only"):
        call_command("ingest", "a.txt", "b.txt", "--url=https://example.org/")


def test_standard_input_is_read(monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(b"Eight spies were expelled, NOS reported."))
    )

    out, _ = run("-")

    assert out.startswith("standard input: #")
    assert Source.objects.count() == 1
