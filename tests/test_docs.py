"""The README stays true: its first two commands, and a line for every CLI command."""

from __future__ import annotations

import re

from lattice_kg.cli import app

from .conftest import ROOT


def fenced_blocks() -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", (ROOT / "README.md").read_text(), flags=re.M | re.S)


def test_readme_starts_with_the_main_job_and_the_test_command() -> None:
    main_job, tests = (block.strip() for block in fenced_blocks()[:2])
    assert "\n" not in main_job and "\n" not in tests
    assert "pip install -e ." in main_job and main_job.endswith("lattice cq run --all")
    assert "pip install -e '.[test]'" in tests and tests.endswith("&& pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    tests = fenced_blocks()[1].strip()
    assert f'TEST_COMMAND="{tests}"' in ci  # CI runs it, and checks at run time that README still says so
    assert "fence == 3" in ci


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"`lattice {name}" in readme, name
