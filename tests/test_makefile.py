"""`make run` is a newcomer's first command: it serves on 8000 unless told another port."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def run_commands(*arguments: str) -> str:
    # -n prints what `make run` would do without doing it.
    return subprocess.run(
        ["make", "-n", "run", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def test_make_run_serves_on_port_8000_by_default():
    assert "runserver 127.0.0.1:8000" in run_commands()


def test_make_run_serves_on_the_port_given():
    commands = run_commands("PORT=8001")

    assert "runserver 127.0.0.1:8001" in commands and ":8000" not in commands
