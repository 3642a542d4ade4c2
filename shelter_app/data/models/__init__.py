"""All tables of one coherent schema; importing this package registers every model."""

from shelter_app.data.base import Base, Record
from shelter_app.data.models.agreements import LeaseAgreement, MonitoringVisit
from shelter_app.data.models.boq import BoQ, BoQLine, PriceCatalogue, PriceItem
from shelter_app.data.models.dwellings import Assessment, Dwelling, DwellingSearchToken, Photo
from shelter_app.data.models.labour import LabourEntry, PaymentBatch, Timesheet
from shelter_app.data.models.org import AuditEvent, ExternalKey, Office, Setting, User
from shelter_app.data.models.people import Household, Landlord, Worker

__all__ = [
    "Assessment",
    "AuditEvent",
    "Base",
    "BoQ",
    "BoQLine",
    "Dwelling",
    "DwellingSearchToken",
    "ExternalKey",
    "Household",
    "LabourEntry",
    "Landlord",
    "LeaseAgreement",
    "MonitoringVisit",
    "Office",
    "PaymentBatch",
    "Photo",
    "PriceCatalogue",
    "PriceItem",
    "Record",
    "Setting",
    "Timesheet",
    "User",
    "Worker",
]
