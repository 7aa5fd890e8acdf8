"""The `lattice` command line: the commands of `lattice_kg.commands`, wired into one app.

Heavy libraries are imported inside commands, so `--help` stays fast; `main` builds only the command
asked for (see `narrowed`)."""

from __future__ import annotations

import copy
import sys

import typer

from .commands import anchor, build, cq, load, network, publish, query, reason, validate
from .commands.options import fail, user_errors

__all__ = ["app", "fail", "main", "narrowed", "user_errors"]

app = typer.Typer(
    name="lattice",
    help="Lattice: a knowledge graph of Japan's role in the U.S. Indo-Pacific alliance system.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command()(build.stats)
app.command()(build.build)
app.command()(load.load)
app.command()(publish.publish)
app.command()(reason.reason)
app.command()(anchor.anchor)
app.command()(validate.validate)
app.add_typer(cq.cq_app, name="cq")
app.command("query")(query.query)
app.command()(publish.serve)
app.command()(network.network)


def narrowed(args: list[str]) -> typer.Typer:
    """The app with only the command that `args` name (and its group), else the whole app.

    Typer turns every command's signature into options at each start, which costs more than
    answering a question; the one command asked for behaves, helps and fails exactly as in the
    whole app. Anything else (`--help`, no command, an unknown name) gets the whole app."""
    narrow = _only(app, args)
    if narrow is not app:
        # a callback keeps a one-command app a group, so the command's name is still taken
        narrow.callback()(_group)
    return narrow


def _group() -> None:
    """Lattice."""


def _only(group: typer.Typer, args: list[str]) -> typer.Typer:
    name = args[0] if args else ""
    commands = [c for c in group.registered_commands if _name(c) == name]
    groups = [g for g in group.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return group
    narrow = copy.copy(group)
    narrow.registered_commands = commands
    narrow.registered_groups = [copy.copy(g) for g in groups]
    for info in narrow.registered_groups:
        info.typer_instance = _only(info.typer_instance, args[1:])  # type: ignore[arg-type]
    return narrow


def _name(command: typer.models.CommandInfo) -> str:
    if command.name:
        return command.name
    return typer.main.get_command_name(command.callback.__name__) if command.callback else ""


def main() -> None:  # pragma: no cover - console entry point
    narrowed(sys.argv[1:])()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
