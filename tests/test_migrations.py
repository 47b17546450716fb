import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits with SystemExit(1) when a model change has no migration yet.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_editor_and_reviewer_groups_come_with_the_migrations():
    reviewer = Group.objects.get(name="reviewer")
    editor = Group.objects.get(name="editor")

    assert reviewer.permissions.filter(codename="publish_claim").exists()
    assert not editor.permissions.filter(codename="publish_claim").exists()
    assert editor.permissions.filter(codename="add_claim").exists()
