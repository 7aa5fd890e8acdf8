"""Error types that carry their exit code, so the CLI prints one line and exits as the README says.

Exit codes: 0 done; 1 findings (a well-formed graph that breaks a rule, from `lattice validate`,
or that is inconsistent, from `lattice reason`); 2 input the tool cannot use (syntax, encoding, a
missing file, an unknown name, an unreachable endpoint or one that refuses the request, no Java).
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


class LatticeError(Exception):
    """A user-facing error: its message is the single line the CLI prints."""

    exit_code: ClassVar[int] = EXIT_INPUT


class InputError(LatticeError):
    """Input the tool cannot use: a file, an option, a name, a quote or a setting."""


class RemoteError(LatticeError):
    """A SPARQL endpoint that cannot be reached or refuses the request.

    `status` is the HTTP status of a refusal (None when no answer came), so callers can tell a store
    without the Graph Store Protocol (404, 405, …) from one that is down without reading the message."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class EnvironmentProblem(LatticeError):
    """Something the machine lacks (Java, a browser), not something the user typed."""


class Findings(LatticeError):
    """A well-formed input that breaks the project's rules."""

    exit_code: ClassVar[int] = EXIT_FINDINGS
