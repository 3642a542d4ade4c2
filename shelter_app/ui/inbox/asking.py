"""The engineer's side of a reopen request: a button of the BoQ and timesheet lists asks, with a
reason, to reopen the selected approved record; the request waits in the supervisor's inbox."""

from PySide6.QtCore import QCoreApplication

from shelter_app.domain.errors import UserError
from shelter_app.domain.reopen import ReopenKind
from shelter_app.services.reopen_requests import ask_reopen
from shelter_app.ui.labour.base import OK, ListTab


def ask_to_reopen(tab: ListTab, kind: ReopenKind) -> None:
    """The engineer asks, with a reason, to reopen the approved record selected in `tab`."""
    row = tab.selected()
    if row is None:
        return
    reason = tab.ask_reason(
        QCoreApplication.translate("reopen", "Ask to reopen {ref}").format(ref=row.ref),
        QCoreApplication.translate("reopen", "What must change, and why? The supervisor sees "
                                             "this beside the record."))
    if reason is None:
        return
    try:
        ask_reopen(tab.db, tab.actor, kind, row.id, reason)
    except UserError as error:
        tab.show_message(error.message)
        return
    tab.show_message(QCoreApplication.translate(
        "reopen", "The request to reopen {ref} waits for the supervisor.").format(ref=row.ref),
        OK)
