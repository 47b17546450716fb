import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# The data migrations that give the editor and reviewer groups their permissions, in order.
GROUP_MIGRATIONS = [
    ("claims.migrations.0002_editor_and_reviewer_groups", "make_groups"),
    ("claims.migrations.0004_review_flag_permissions", "grant"),
    ("claims.migrations.0006_external_review_permissions", "grant"),
    ("claims.migrations.0008_suggestion_permissions", "grant"),
    ("claims.migrations.0018_h18_flag_captures", "grant"),
]


@pytest.fixture
def migrated_rows(transactional_db):
    """What the migrations wrote, back in place.

    A transactional test (the live server reads only committed rows) empties the database on its way
    out; the next one finds no content types, permissions or groups unless they are written again.
    """
    if Group.objects.exists():
        return
    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    for module, function in GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Browser tests need Debian's chromium: apt-get update && apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running; Django's ORM calls made by the
    # tests themselves (not the server thread) would otherwise be refused as "async".
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page_errors():
    """Console errors and uncaught exceptions seen by every page a test opens."""
    return []


@pytest.fixture
def open_page(browser, page_errors):
    pages = []

    def open_page(width: int, height: int):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.on(
            "console", lambda message: page_errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()
