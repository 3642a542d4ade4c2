"""Errors a user can fix, as opposed to bugs.

A `UserError` carries a translated message that names the problem and the fix; the CLI prints
it as one line and the GUI shows it at the field named by `field`.
"""

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


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


class NeedsSupervisor(UserError):
    """The same national ID or tax number is on another person's record: refused unless a
    supervisor confirms with a reason (services.cases.duplicate_ids). `duplicates` are
    (field, message) pairs; `warnings` the other doubtful values found alongside them."""

    def __init__(self, duplicates: list[tuple[str, str]],
                 warnings: list[tuple[str, str]] | None = None) -> None:
        super().__init__(" ".join(message for _, message in duplicates), field=duplicates[0][0])
        self.duplicates = duplicates
        self.warnings = warnings or []


class InvalidInput(ValidationError):
    """Several values of one form break their rules: `problems` are (field, message) pairs in
    the order of the form, so the screen shows every one at its field after a single Save
    instead of one per round. `warnings` are the doubtful values found alongside them, and
    `duplicates` the ID numbers a supervisor must confirm (as NeedsSupervisor's)."""

    def __init__(self, problems: list[tuple[str | None, str]],
                 warnings: list[tuple[str, str]] | None = None,
                 duplicates: list[tuple[str, str]] | None = None) -> None:
        super().__init__(" ".join(message for _, message in problems), field=problems[0][0])
        self.problems = problems
        self.warnings = warnings or []
        self.duplicates = duplicates or []


class Problems:
    """Runs each check of a form and keeps every ValidationError (or NotFound: a mistyped
    reference) it raises, so a service can report all that is wrong at once (`raise_any`). A
    failed check gives None for its value."""

    def __init__(self) -> None:
        self.found: list[tuple[str | None, str]] = []

    def check(self, check: Callable[..., T], *args: Any, at: str | None = None,
              **kwargs: Any) -> T | None:
        """`check(*args, **kwargs)`, or None with its problems kept; `at` names the field of
        a check that names none (a reference looked up)."""
        try:
            return check(*args, **kwargs)
        except InvalidInput as errors:
            self.found += errors.problems
        except (ValidationError, NotFound) as error:
            self.found.append((error.field or at, error.message))
        return None

    def add(self, error: UserError) -> None:
        self.found.append((error.field, error.message))

    def raise_any(self, warnings: list[tuple[str, str]] | None = None,
                  duplicates: list[tuple[str, str]] | None = None) -> None:
        if self.found:
            raise InvalidInput(self.found, warnings, duplicates)
