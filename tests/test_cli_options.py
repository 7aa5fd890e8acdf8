"""The one way a command reports a user error: one line, and the exit code the error carries."""

from __future__ import annotations

import pytest
import typer

from lattice_kg.commands.options import fail, parse_params, user_errors
from lattice_kg.core.errors import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EnvironmentProblem,
    Findings,
    InputError,
    RemoteError,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InputError("bad"), EXIT_INPUT),
        (RemoteError("down"), EXIT_INPUT),
        (EnvironmentProblem("no Java"), EXIT_INPUT),
        (Findings("inconsistent"), EXIT_FINDINGS),
    ],
)
def test_an_error_exits_with_its_own_code(
    error: Exception, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    @user_errors
    def command() -> None:
        raise error

    with pytest.raises(typer.Exit) as caught:
        command()
    assert caught.value.exit_code == code
    assert capsys.readouterr().err == f"lattice: error: {error}\n"
    assert fail(error).exit_code == code  # type: ignore[arg-type]


def test_param_pairs_win_over_named_options() -> None:
    assert parse_params(["actor=japan", "to=2020"], {"actor": "usa", "mechanism": None}) == {
        "actor": "japan",
        "to": "2020",
    }
    with pytest.raises(InputError, match="--param 'actor': expected name=value"):
        parse_params(["actor"])
