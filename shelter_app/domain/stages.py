"""The case flow a dwelling moves through, and the statuses of the records along it."""

from enum import StrEnum

from shelter_app.domain.i18n import translate


class Stage(StrEnum):
    """Stages of one dwelling's case, in the order of DESIGN.md's case flow."""

    REGISTERED = "registered"
    ASSESSED = "assessed"
    BOQ_DRAFTED = "boq_drafted"
    BOQ_APPROVED = "boq_approved"
    AGREEMENT_SIGNED = "agreement_signed"
    WORKS_IN_PROGRESS = "works_in_progress"
    COMPLETED = "completed"
    MONITORED = "monitored"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]()


_STAGE_LABELS = {
    Stage.REGISTERED: lambda: translate("stage", "Registered"),
    Stage.ASSESSED: lambda: translate("stage", "Assessed"),
    Stage.BOQ_DRAFTED: lambda: translate("stage", "BoQ drafted"),
    Stage.BOQ_APPROVED: lambda: translate("stage", "BoQ approved"),
    Stage.AGREEMENT_SIGNED: lambda: translate("stage", "Agreement signed"),
    Stage.WORKS_IN_PROGRESS: lambda: translate("stage", "Works in progress"),
    Stage.COMPLETED: lambda: translate("stage", "Completed"),
    Stage.MONITORED: lambda: translate("stage", "Monitored"),
}


class Role(StrEnum):
    ENGINEER = "engineer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]()


_ROLE_LABELS = {
    Role.ENGINEER: lambda: translate("role", "engineer"),
    Role.SUPERVISOR: lambda: translate("role", "supervisor"),
    Role.ADMIN: lambda: translate("role", "administrator"),
}


class ProtectionStatus(StrEnum):
    TEMPORARY = "temporary_protection"
    INTERNATIONAL = "international_protection"
    HOST = "host_community"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _PROTECTION_LABELS[self]()


_PROTECTION_LABELS = {
    ProtectionStatus.TEMPORARY: lambda: translate("protection_status", "Temporary protection"),
    ProtectionStatus.INTERNATIONAL: lambda: translate("protection_status",
                                                      "International protection"),
    ProtectionStatus.HOST: lambda: translate("protection_status", "Host community"),
    ProtectionStatus.OTHER: lambda: translate("protection_status", "Other"),
}


class LandlordKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"

    @property
    def label(self) -> str:
        return (translate("landlord_kind", "Person") if self is LandlordKind.PERSON
                else translate("landlord_kind", "Company"))


class ApprovalStatus(StrEnum):
    """Shared by BoQs and timesheets: drafted, submitted, then approved or returned."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    PRINTED = "printed"
    SIGNED = "signed"
    ACTIVE = "active"
    ENDED = "ended"
    TERMINATED = "terminated"
    BREACHED = "breached"


class PaymentMethod(StrEnum):
    IBAN = "iban"
    PTT = "ptt"

    @property
    def label(self) -> str:
        return (translate("payment_method", "Bank transfer (IBAN)") if self is PaymentMethod.IBAN
                else translate("payment_method", "Cash at PTT"))


class PhotoTag(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"

    @property
    def label(self) -> str:
        return (translate("PhotoTag", "Before") if self is PhotoTag.BEFORE
                else translate("PhotoTag", "During") if self is PhotoTag.DURING
                else translate("PhotoTag", "After"))


class BatchStatus(StrEnum):
    DRAFT = "draft"
    EXPORTED = "exported"
    PAID = "paid"
