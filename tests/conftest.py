import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rules_checker():
    """The real spaCy pipeline with every criterion, rules only."""
    from drafter.checker import Checker

    return Checker(model=False)


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def write_draft(directory: Path, name: str, text: str) -> Path:
    """A draft file for a command-line test."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def run_drafter(*args, stdin=None):
    """The `drafter` command in a real subprocess, as a user runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "drafter", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)
