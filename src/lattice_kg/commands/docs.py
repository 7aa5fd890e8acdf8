"""The command reference, written from the app itself: README's command table and docs/cli.md.

Both are regenerated, never edited: `python -m lattice_kg.commands.docs` writes them, and a test
fails while either differs from what the app would write.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any

import typer
import typer.main

BEGIN = "<!-- commands: written by `python -m lattice_kg.commands.docs` from the app; do not edit -->"
END = "<!-- end of commands -->"
CHECKERS_BEGIN = "<!-- checkers: written by `python -m lattice_kg.commands.docs`; do not edit -->"
CHECKERS_END = "<!-- end of checkers -->"
REFERENCE = Path("docs") / "cli.md"
# the document that tells more about a command, linked from its row of the table
SEE_ALSO = {
    "cq": "docs/competency-questions.md",
    "load": "docs/stores.md",
    "publish": "docs/publishing.md",
    "network": "docs/analysis.md",
    "serve": "docs/serving.md",
    "validate": "docs/ci.md",
}


def leaves(app: typer.Typer) -> list[tuple[list[str], Any, Any]]:
    """(path, command, context) of every command that runs, in the order `lattice --help` lists them."""
    root = typer.main.get_command(app)
    found: list[tuple[list[str], Any, Any]] = []

    def walk(path: list[str], command: Any, parent: Any) -> None:
        ctx = command.make_context(path[-1], [], parent=parent, resilient_parsing=True)
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found.append((path[1:], command, ctx))
            return
        for name in command.list_commands(ctx):
            walk([*path, name], subcommands[name], ctx)

    walk(["lattice"], root, None)
    return found


def _params(command: Any, ctx: Any) -> list[Any]:
    return [p for p in command.get_params(ctx) if p.name != "help"]


def _summary(command: Any) -> str:
    return (command.help or "").strip().split("\n\n")[0].replace("\n", " ")


def _value(param: Any) -> str:
    """What an option takes: its choices, or the kind of value (with its bounds)."""
    kind = param.type
    if getattr(param, "is_flag", False):
        return "flag"
    if hasattr(kind, "choices"):
        return " \\| ".join(f"`{c}`" for c in kind.choices)
    name = _kind(param)
    bounds = [f"≥ {kind.min}" if getattr(kind, "min", None) is not None else "",
              f"≤ {kind.max}" if getattr(kind, "max", None) is not None else ""]  # fmt: skip
    bounded = ", ".join(b for b in bounds if b)
    return f"{name} ({bounded})" if bounded else name


def _kind(param: Any) -> str:
    """integer, number, path or text."""
    name = param.type.name
    for prefix, kind in (("int", "integer"), ("float", "number"), ("path", "path")):
        if name.startswith(prefix):
            return kind
    return "text"


def _default(param: Any) -> str:
    default = param.default
    if getattr(param, "is_flag", False):
        if param.secondary_opts:
            return f"`{param.opts[0] if default else param.secondary_opts[0]}`"
        return ""
    if default is None or default == [] or param.required:
        return ""
    if isinstance(default, Enum):
        default = default.value
    return f"`{default}`"


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{param.name.upper()}`"
    return ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])


def _metavar(param: Any) -> str:
    name = param.name.upper()
    name = f"{name}..." if param.nargs == -1 else name
    return name if param.required else f"[{name}]"


def synopsis(path: list[str], command: Any, ctx: Any) -> str:
    """`lattice load --endpoint TEXT [OPTIONS]`: the arguments and required options, then the rest."""
    parts = ["lattice", *path]
    params = _params(command, ctx)
    parts += [_metavar(p) for p in params if p.param_type_name == "argument"]
    required = [p for p in params if p.param_type_name == "option" and p.required]
    parts += [f"{p.opts[0]} {_kind(p).upper()}" for p in required]
    if any(p.param_type_name == "option" and not p.required for p in params):
        parts.append("[OPTIONS]")
    return " ".join(parts)


def _anchor(path: list[str]) -> str:
    return "lattice-" + "-".join(path)


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def readme_table(app: typer.Typer) -> str:
    """The `## Commands` table: a row per command, its synopsis and the summary its docstring gives."""
    rows = ["| command | what it does |", "|---|---|"]
    for path, command, ctx in leaves(app):
        see = SEE_ALSO.get(path[0])
        more = f" ([{see}]({see}))" if see else ""
        rows.append(
            f"| [`{_cell(synopsis(path, command, ctx))}`]({REFERENCE.as_posix()}#{_anchor(path)}) "
            f"| {_cell(_summary(command))}{more} |"
        )
    return "\n".join(rows)


def reference(app: typer.Typer) -> str:
    """docs/cli.md: every command, its arguments and options, with their help and defaults."""
    root = typer.main.get_command(app)
    out = [
        "# The `lattice` command line",
        "",
        _cell(root.help or ""),
        "",
        "Written from the app by `python -m lattice_kg.commands.docs`; `lattice COMMAND --help` says it too.",
        "Exit codes: 0 done, 1 findings (`validate`, `reason`), 2 input the tool cannot use.",
        "",
    ]
    for path, command, ctx in leaves(app):
        out += [f"## lattice {' '.join(path)}", "", (command.help or "").strip(), "", "```text",
                synopsis(path, command, ctx), "```", ""]  # fmt: skip
        params = _params(command, ctx)
        if not params:
            continue
        out += ["| argument or option | value | default | what it does |", "|---|---|---|---|"]
        for p in params:
            out.append(f"| {_names(p)} | {_value(p)} | {_default(p)} | {_cell(p.help or '')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def checker_list() -> str:
    """README's list of what `lattice validate` runs, from the checkers' registry."""
    from ..validation.registry import CHECKERS, all_of_them

    lines = [f"`lattice validate` runs {all_of_them()} checkers and reports their findings in one list:", ""]
    for n, checker in enumerate(CHECKERS, 1):
        end = "." if n == len(CHECKERS) else ";"
        lines.append(f"- **{checker.name}** — {checker.description or checker.summary}{end}")
    return "\n".join(lines)


def _with_block(readme: str, begin: str, end: str, text: str) -> str:
    if begin not in readme or end not in readme:
        raise ValueError(f"README.md: no {begin} … {end} block")
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{text}\n{end}{tail}"


def _with_table(readme: str, table: str) -> str:
    return _with_block(_with_block(readme, BEGIN, END, table), CHECKERS_BEGIN, CHECKERS_END, checker_list())


def expected(root: Path, app: typer.Typer) -> dict[Path, str]:
    """What README.md and docs/cli.md should hold."""
    readme = root / "README.md"
    return {
        readme: _with_table(readme.read_text(encoding="utf-8"), readme_table(app)),
        root / REFERENCE: reference(app),
    }


def stale(root: Path, app: typer.Typer) -> list[Path]:
    """The files that differ from what the app would write."""
    return [
        path
        for path, text in expected(root, app).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write(root: Path, app: typer.Typer) -> list[Path]:
    written = stale(root, app)
    for path, text in expected(root, app).items():
        if path in written:
            path.write_text(text, encoding="utf-8")
    return written


if __name__ == "__main__":  # pragma: no cover
    from ..cli import app as lattice_app
    from ..core.project import project_root

    for path in write(project_root(), lattice_app):
        print(f"wrote {path}")
