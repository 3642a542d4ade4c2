"""All tables of one coherent schema; importing this package registers every model."""

from shelter_app.data.base import Base, Record
from shelter_app.data.models.agreements import LeaseAgreement, MonitoringVisit
from shelter_app.data.models.boq import BoQ, BoQLine, PriceCatalogue, PriceItem
from shelter_app.data.models.dwellings import (Assessment, Dwelling, DwellingSearchToken, Photo,
                                               WorksCheck)
from shelter_app.data.models.labour import (LabourDayTotal, LabourEntry, PaymentBatch,
                                           Timesheet)
from shelter_app.data.models.org import AuditEvent, ExternalKey, Office, Setting, User
from shelter_app.data.models.people import (Erasure, Household, HouseholdMember, Landlord,
                                            Worker)
from shelter_app.data.models.reopen import ReopenRequest
from shelter_app.data.models.report_totals import BoQValueTotal, ReachTotal
from shelter_app.data.models.sync import (AppliedOp, Conflict, Device, KnownVersion, LogEntry,
                                          OutboxOp, SyncedFile, SyncState)

__all__ = [
    "AppliedOp",
    "Assessment",
    "AuditEvent",
    "Base",
    "BoQ",
    "BoQLine",
    "BoQValueTotal",
    "Conflict",
    "Device",
    "Dwelling",
    "Erasure",
    "DwellingSearchToken",
    "ExternalKey",
    "Household",
    "HouseholdMember",
    "KnownVersion",
    "LabourDayTotal",
    "LabourEntry",
    "Landlord",
    "LeaseAgreement",
    "LogEntry",
    "MonitoringVisit",
    "Office",
    "OutboxOp",
    "PaymentBatch",
    "Photo",
    "PriceCatalogue",
    "PriceItem",
    "ReachTotal",
    "Record",
    "ReopenRequest",
    "Setting",
    "SyncState",
    "SyncedFile",
    "Timesheet",
    "User",
    "Worker",
    "WorksCheck",
]
