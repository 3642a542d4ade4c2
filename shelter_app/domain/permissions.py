"""Who may do what: the one table of role permissions.

Services check it on every action (`services.auth.require`); the GUI reads it only to hide or
disable what the signed-in role cannot do. Scope by office is checked by the services.
"""

from enum import StrEnum

from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import BatchStatus, Role


class Action(StrEnum):
    VIEW_CASES = "view_cases"
    EDIT_CASES = "edit_cases"
    SUBMIT_FOR_APPROVAL = "submit_for_approval"
    APPROVE = "approve"
    REOPEN_APPROVED = "reopen_approved"
    CONFIRM_DUPLICATE_IDS = "confirm_duplicate_ids"
    VIEW_PERSONAL_IDS = "view_personal_ids"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_OFFICES = "manage_offices"
    EDIT_SETTINGS = "edit_settings"
    BACKUP = "backup"
    RESTORE = "restore"
    EXPORT_PERSON_DATA = "export_person_data"
    ERASE_PERSON = "erase_person"

    @property
    def label(self) -> str:
        return _LABELS[self]()


_ENGINEER = frozenset({
    Action.VIEW_CASES, Action.EDIT_CASES, Action.SUBMIT_FOR_APPROVAL, Action.VIEW_PERSONAL_IDS,
    Action.BACKUP,
})
_SUPERVISOR = _ENGINEER | {Action.APPROVE, Action.REOPEN_APPROVED, Action.VIEW_AUDIT,
                           Action.EXPORT_PERSON_DATA, Action.CONFIRM_DUPLICATE_IDS}
_ADMIN = frozenset({
    Action.VIEW_CASES, Action.VIEW_AUDIT, Action.MANAGE_USERS, Action.MANAGE_OFFICES,
    Action.EDIT_SETTINGS,
    Action.BACKUP, Action.RESTORE, Action.EXPORT_PERSON_DATA, Action.ERASE_PERSON,
})

# Admins run the system but do not take part in the case work they might audit: they cannot
# edit cases or approve, and see ID numbers and IBANs masked (KVKK data minimisation; a
# person's export, a legal duty, is the audited exception). Supervisors approve; engineers
# prepare and submit.
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ENGINEER: _ENGINEER,
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: _ADMIN,
}


def allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def batch_action(was: str | None, status: str | None) -> Action:
    """What a change of a payment batch from status `was` to `status` needs, the same on the
    laptop (services.labour.payments) and on the server checking its push (services.sync.rules):
    the export that sends a draft to finance, whoever may read the payment list; building it,
    its total, or recording it paid, a supervisor."""
    if (was, status) == (BatchStatus.DRAFT, BatchStatus.EXPORTED):
        return Action.VIEW_PERSONAL_IDS
    return Action.APPROVE


_LABELS = {
    Action.VIEW_CASES: lambda: translate("permissions", "view cases"),
    Action.EDIT_CASES: lambda: translate("permissions", "edit cases"),
    Action.SUBMIT_FOR_APPROVAL: lambda: translate("permissions", "submit for approval"),
    Action.APPROVE: lambda: translate("permissions", "approve"),
    Action.REOPEN_APPROVED: lambda: translate("permissions", "reopen approved records"),
    Action.CONFIRM_DUPLICATE_IDS: lambda: translate(
        "permissions", "confirm an ID number registered on two people"),
    Action.VIEW_PERSONAL_IDS: lambda: translate("permissions", "see ID numbers and IBANs"),
    Action.VIEW_AUDIT: lambda: translate("permissions", "view the audit trail"),
    Action.MANAGE_USERS: lambda: translate("permissions", "manage users"),
    Action.MANAGE_OFFICES: lambda: translate("permissions", "manage offices"),
    Action.EDIT_SETTINGS: lambda: translate("permissions", "change settings"),
    Action.BACKUP: lambda: translate("permissions", "make backups"),
    Action.RESTORE: lambda: translate("permissions", "restore backups"),
    Action.EXPORT_PERSON_DATA: lambda: translate("permissions", "export a person's data"),
    Action.ERASE_PERSON: lambda: translate("permissions", "erase or pseudonymise a person"),
}
