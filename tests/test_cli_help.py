"""`lattice --help`: every command is listed with a one-line description."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from lattice_kg.cli import app

runner = CliRunner()


def command_names() -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]


def test_help_lists_every_command_with_its_summary() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert {"stats", "reason"} <= set(command_names())
    for command in app.registered_commands:
        summary = (command.callback.__doc__ or "").strip().splitlines()[0]
        assert summary.endswith("."), command.name
        assert summary in result.output, command.name


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output


def test_importing_the_cli_does_not_load_rdf_libraries() -> None:
    """Start-up stays lean: the RDF, reasoning, graph and plotting libraries load only in commands."""
    code = (
        "import sys, lattice_kg.cli; "
        "heavy = ('rdflib', 'pyoxigraph', 'pyshacl', 'owlready2', 'networkx', 'matplotlib'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_option_help_is_shown_whole() -> None:
    """Each option's help text reaches the user as written (the help formatter reads '[…]' as markup)."""
    import re

    import typer.main

    root = typer.main.get_command(app)
    commands: list[tuple[list[str], object]] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            commands += [([name, sub], c) for sub, c in subcommands.items()]
        else:
            commands.append(([name], command))
    assert len(commands) >= 14
    for path, command in commands:
        shown = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "2000"}).output  # one line per option
        flat = re.sub(r"[\s│]+", " ", shown)
        for param in command.params:  # type: ignore[attr-defined]
            text = re.sub(r"\s+", " ", getattr(param, "help", None) or "")
            assert text in flat, f"lattice {' '.join(path)} {param.name}: {text!r}"
