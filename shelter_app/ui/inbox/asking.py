"""The engineer's side of a reopen request: a button of the BoQ and timesheet lists asks, with a
reason, to reopen the selected approved record; the request waits in the supervisor's inbox."""

from PySide6.QtCore import QCoreApplication

from shelter_app.domain.reopen import ReopenKind
from shelter_app.services.reopen_requests import ask_reopen
from shelter_app.ui.labour.base import ListTab


def ask_to_reopen(tab: ListTab, kind: ReopenKind) -> None:
    """The engineer asks, with a reason, to reopen the approved record selected in `tab`: the
    request is written in a worker, the tab's buttons off until it is (ListTab.in_background),
    and nothing is asked while another decision of the tab is being written."""
    row = tab.actionable()
    if row is None:
        return
    reason = tab.ask_reason(
        QCoreApplication.translate("reopen", "Ask to reopen {ref}").format(ref=row.ref),
        QCoreApplication.translate("reopen", "What must change, and why? The supervisor sees "
                                             "this beside the record."))
    if reason is None:
        return
    said = QCoreApplication.translate(
        "reopen", "The request to reopen {ref} waits for the supervisor.").format(ref=row.ref)
    tab.in_background(lambda db, actor: ask_reopen(db, actor, kind, row.id, reason),
                      lambda _: tab.written(said), QCoreApplication.translate(
                          "reopen", "Sending the request to reopen {ref}…").format(ref=row.ref))
