import pytest

from sources.archive import read_response, warc_records
from sources.extraction import ExtractionError, extract_article
from sources.fetching import fetch
from tests.news_site import EXPULSION, FURNITURE, article_html


@pytest.fixture
def story(news_site):
    news_site.pages["/world/expelled/"] = article_html(
        title="Netherlands expels 17 Russian intelligence officers", paragraphs=EXPULSION
    )
    return fetch(news_site.url("/world/expelled/"))


def read(response):
    return extract_article(
        response.content, content_type=response.header("Content-Type"), url=response.final_url
    )


def test_the_article_text_is_read_without_the_page_furniture(story):
    article = read(story)
    for paragraph in EXPULSION:
        assert paragraph in article.text
    for furniture in FURNITURE:
        assert furniture not in article.text
    assert "Photo: ANP" not in article.text


def test_the_title_byline_publisher_date_and_language_are_read_from_the_page(story):
    article = read(story)
    assert article.title == "Netherlands expels 17 Russian intelligence officers"
    assert article.byline == "Anna de Vries"
    assert article.publisher == "The Daily Ledger"
    assert article.published_on.isoformat() == "2022-03-29"
    assert article.language == "en"


def test_a_plain_text_response_is_its_own_text():
    article = extract_article(b"Line one.\nLine two.", content_type="text/plain; charset=utf-8")
    assert article.text == "Line one.\nLine two."


def test_a_pdf_is_refused_with_its_type():
    with pytest.raises(ExtractionError, match="application/pdf"):
        extract_article(b"%PDF-1.7", content_type="application/pdf")


def test_the_warc_records_read_back_with_warcio(story):
    from io import BytesIO

    from warcio.archiveiterator import ArchiveIterator

    warc = warc_records(story)
    types = [record.rec_type for record in ArchiveIterator(BytesIO(warc))]
    assert types == ["response", "request"]
    archived = read_response(warc)
    assert archived.url == story.final_url
    assert archived.status == 200
    assert archived.content == story.content
    assert archived.header("ETag") == story.header("ETag")
