"""README's command table and docs/cli.md are written from the app, and stay what it would write."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lattice_kg.cli import app
from lattice_kg.commands import docs

from .conftest import ROOT

HOW = "run `python -m lattice_kg.commands.docs` and commit README.md and docs/cli.md"


def test_the_table_and_the_reference_are_what_the_app_writes() -> None:
    stale = [str(p.relative_to(ROOT)) for p in docs.stale(ROOT, app)]
    assert stale == [], f"{', '.join(stale)} differ from the app: {HOW}"


def test_the_reference_gives_every_option_with_its_help() -> None:
    reference = (ROOT / docs.REFERENCE).read_text(encoding="utf-8")
    leaves = docs.leaves(app)
    assert len(leaves) >= 14
    for path, command, ctx in leaves:
        section = reference.split(f"## lattice {' '.join(path)}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.get_params(ctx):
            if param.name == "help":
                continue
            help_text = re.sub(r"\s+", " ", param.help or "").replace("|", "\\|")
            assert help_text in section, (path, param.name)
            if param.param_type_name == "option":
                assert f"`{param.opts[0]}`" in section, (path, param.name)


def test_a_new_option_makes_the_docs_stale(tmp_path: Path) -> None:
    """The check compares with the app as it is: an edit of a help text shows up."""
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / docs.REFERENCE, tmp_path / docs.REFERENCE)
    assert docs.stale(tmp_path, app) == []
    reference = tmp_path / docs.REFERENCE
    reference.write_text(reference.read_text(encoding="utf-8").replace("Output format.", "Format."))
    assert docs.stale(tmp_path, app) == [reference]
    assert docs.write(tmp_path, app) == [reference]
    assert docs.stale(tmp_path, app) == []


def test_every_command_has_a_row_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split(docs.BEGIN, 1)[1].split(docs.END, 1)[0]
    for path, command, _ in docs.leaves(app):
        assert f"[`lattice {' '.join(path)}" in table and f"(docs/cli.md#lattice-{'-'.join(path)})" in table
        assert (command.help or "").splitlines()[0] in table


def test_a_readme_without_the_markers_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no <!-- commands"):
        docs.expected(tmp_path, app)


def test_the_readme_lists_every_checker_of_the_registry() -> None:
    from lattice_kg.validation.registry import CHECKERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(docs.CHECKERS_BEGIN, 1)[1].split(docs.CHECKERS_END, 1)[0]
    assert [line.split("**")[1] for line in block.splitlines() if line.startswith("- **")] == [
        c.name for c in CHECKERS
    ]
    assert "runs all four checkers" in block


def test_a_new_checker_makes_the_readme_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lattice_kg.validation import registry

    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / docs.REFERENCE, tmp_path / docs.REFERENCE)
    extra = registry.Checker("links", "the link check", lambda graph, report: None, "every link resolves")
    monkeypatch.setattr(registry, "CHECKERS", (*registry.CHECKERS, extra))
    assert tmp_path / "README.md" in docs.stale(tmp_path, app)
    docs.write(tmp_path, app)
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "runs all five checkers" in text and "- **links** — every link resolves." in text
