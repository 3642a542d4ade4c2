"""Reopen requests: an engineer asks, with a reason, to unlock an approved BoQ or timesheet;
the request waits for a supervisor, who approves it (the record is unlocked) or returns it with
an answer. Who may do which step is decided here, for the desktop's service and the server."""

from enum import StrEnum

from shelter_app.domain.errors import PermissionDenied, UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action, allowed
from shelter_app.domain.stages import ApprovalStatus, Role


class ReopenKind(StrEnum):
    BOQ = "boq"
    TIMESHEET = "timesheet"

    @property
    def label(self) -> str:
        return (translate("reopen", "BoQ") if self is ReopenKind.BOQ
                else translate("reopen", "Timesheet"))


WAITING = ApprovalStatus.SUBMITTED
DECIDED = (ApprovalStatus.APPROVED, ApprovalStatus.RETURNED)


def check_step(role: Role, was: ApprovalStatus | None, status: ApprovalStatus) -> None:
    """A request is made waiting by whoever submits for approval; only a supervisor decides it,
    once."""
    if status is WAITING and was is None:
        if not allowed(role, Action.SUBMIT_FOR_APPROVAL):
            raise PermissionDenied(translate("reopen", "Your role may not ask to reopen an "
                                                       "approved record."))
        return
    if status not in DECIDED:
        raise UserError(translate("reopen", "A reopen request is only asked, approved or "
                                            "returned."))
    if not allowed(role, Action.REOPEN_APPROVED):
        raise PermissionDenied(translate("reopen", "Only a supervisor approves or returns a "
                                                   "reopen request."))
    if was is not WAITING:
        raise UserError(translate("reopen", "This reopen request was already decided."))
