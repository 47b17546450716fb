"""The admin login is locked after repeated failures (django-axes), without locking out others."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests/factories.py UserFactory


def _login(client, username: str, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_five_failed_admin_logins_lock_the_username_out_even_with_the_right_password(client):
    editor = UserFactory(group="editor")

    failures = [_login(client, editor.username, "guess").status_code for _ in range(5)]
    locked = _login(client, editor.username, PASSWORD)

    assert failures == [200] * 4 + [429]
    assert locked.status_code == 429 and "Too many failed logins" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_shut_out_another_user(client):
    editor, reviewer = UserFactory(group="editor"), UserFactory(group="reviewer")
    for _ in range(5):
        _login(client, editor.username, "guess")

    response = _login(client, reviewer.username, PASSWORD)

    assert response.status_code == 302 and client.session["_auth_user_id"] == str(reviewer.pk)


def test_a_few_typos_then_the_right_password_log_in(client):
    editor = UserFactory(group="editor")
    for _ in range(4):
        _login(client, editor.username, "guess")

    assert _login(client, editor.username, PASSWORD).status_code == 302
