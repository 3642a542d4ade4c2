"""Errors a user can fix, as opposed to bugs.

A `UserError` carries a translated message that names the problem and the fix; the CLI prints
it as one line and the GUI shows it at the field named by `field`.
"""


class UserError(Exception):
    """Something the user can correct; never a bug."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A value entered by the user breaks a rule; the data was left unchanged."""


class PermissionDenied(UserError):
    """The signed-in user's role may not do this."""


class NotFound(UserError):
    """A record named by the user does not exist."""


class NeedsConfirmation(UserError):
    """Saving would store doubtful values (a possible duplicate ID, a position outside Türkiye):
    nothing was saved. `warnings` are (field, message) pairs to show at their fields; the
    caller repeats the action with confirm=True once the user has seen them."""

    def __init__(self, warnings: list[tuple[str, str]]) -> None:
        super().__init__(" ".join(message for _, message in warnings), field=warnings[0][0])
        self.warnings = warnings
