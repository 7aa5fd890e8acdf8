"""One error type for every mistake a user can make, so the CLI can print one line and exit."""


class LatticeError(Exception):
    """A user-facing error: its message is the single line the CLI prints.

    `exit_code` follows the convention of validators such as pySHACL: 1 means
    "the input is wrong", 2 means "the tool could not do its job".
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
