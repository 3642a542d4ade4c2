"""The audit trail's words for what the log stores as plain names: actions, tables, columns,
and the codes of columns that hold one of a fixed set ("assessed", "temporary_protection").

The log keeps the database's names (they are data, and exports show them); the screens show
these translated labels instead, and a name without a label as it is.
"""

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from shelter_app.domain.assessment import component_label
from shelter_app.domain.boq import Category
from shelter_app.domain.dwelling import dwelling_type_label
from shelter_app.domain.household import nationality_label
from shelter_app.domain import i18n
from shelter_app.domain.i18n import LANGUAGES
from shelter_app.domain.lease import status_label as agreement_status_label
from shelter_app.domain.members import relation_label, sex_label
from shelter_app.domain.stages import (
    AgreementStatus,
    ApprovalStatus,
    BatchStatus,
    LandlordKind,
    PaymentMethod,
    PhotoTag,
    ProtectionStatus,
    Role,
    Stage,
)
from shelter_app.services.boq.boq import status_label as approval_status_label
from shelter_app.services.labour.payments import batch_status_label
from shelter_app.ui.photos.model import tag_labels

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("audit", "created"),
    "update": QT_TRANSLATE_NOOP("audit", "changed"),
    "delete": QT_TRANSLATE_NOOP("audit", "deleted"),
}

# The kinds of record, by table name
_ENTITIES = {
    "lease_agreements": QT_TRANSLATE_NOOP("audit", "agreement"),
    "monitoring_visits": QT_TRANSLATE_NOOP("audit", "monitoring visit"),
    "offices": QT_TRANSLATE_NOOP("audit", "office"),
    "users": QT_TRANSLATE_NOOP("audit", "user"),
    "settings": QT_TRANSLATE_NOOP("audit", "setting"),
    "payment_batches": QT_TRANSLATE_NOOP("audit", "payment batch"),
    "timesheets": QT_TRANSLATE_NOOP("audit", "timesheet"),
    "labour_entries": QT_TRANSLATE_NOOP("audit", "labour day"),
    "dwellings": QT_TRANSLATE_NOOP("audit", "dwelling"),
    "assessments": QT_TRANSLATE_NOOP("audit", "assessment"),
    "photos": QT_TRANSLATE_NOOP("audit", "photo"),
    "price_catalogues": QT_TRANSLATE_NOOP("audit", "price catalogue"),
    "price_items": QT_TRANSLATE_NOOP("audit", "catalogue item"),
    "boqs": QT_TRANSLATE_NOOP("audit", "bill of quantities"),
    "boq_lines": QT_TRANSLATE_NOOP("audit", "BoQ line"),
    "households": QT_TRANSLATE_NOOP("audit", "household"),
    "landlords": QT_TRANSLATE_NOOP("audit", "landlord"),
    "workers": QT_TRANSLATE_NOOP("audit", "worker"),
    "erasures": QT_TRANSLATE_NOOP("audit", "erasure"),
    "household_members": QT_TRANSLATE_NOOP("audit", "household member"),
    "reopen_requests": QT_TRANSLATE_NOOP("audit", "reopen request"),
    "works_checks": QT_TRANSLATE_NOOP("audit", "works check"),
    "sync_conflicts": QT_TRANSLATE_NOOP("audit", "sync conflict"),
}

# The changed fields, by column name (one name means the same in every table that has it)
_FIELDS = {
    # people
    "latin_name": QT_TRANSLATE_NOOP("audit", "name (Latin letters)"),
    "arabic_name": QT_TRANSLATE_NOOP("audit", "name (Arabic letters)"),
    "sex": QT_TRANSLATE_NOOP("audit", "sex"),
    "birth_date_estimated": QT_TRANSLATE_NOOP("audit", "date of birth estimated"),
    "relation": QT_TRANSLATE_NOOP("audit", "relation to the head"),
    "head_name": QT_TRANSLATE_NOOP("audit", "head of household"),
    "head_id_number": QT_TRANSLATE_NOOP("audit", "ID number of the head"),
    "nationality": QT_TRANSLATE_NOOP("audit", "nationality"),
    "protection_status": QT_TRANSLATE_NOOP("audit", "protection status"),
    "phone": QT_TRANSLATE_NOOP("audit", "phone"),
    "members": QT_TRANSLATE_NOOP("audit", "members"),
    "vulnerabilities": QT_TRANSLATE_NOOP("audit", "vulnerabilities"),
    "consent_at": QT_TRANSLATE_NOOP("audit", "consent (KVKK)"),
    "search_key": QT_TRANSLATE_NOOP("audit", "name for searching"),  # kept with the names
    "name": QT_TRANSLATE_NOOP("audit", "name"),
    "full_name": QT_TRANSLATE_NOOP("audit", "full name"),
    "kind": QT_TRANSLATE_NOOP("audit", "kind"),
    "id_number": QT_TRANSLATE_NOOP("audit", "ID number"),
    "tax_number": QT_TRANSLATE_NOOP("audit", "tax number"),
    "iban": QT_TRANSLATE_NOOP("audit", "IBAN"),
    "address": QT_TRANSLATE_NOOP("audit", "address"),
    "birth_date": QT_TRANSLATE_NOOP("audit", "date of birth"),
    "work_permit_number": QT_TRANSLATE_NOOP("audit", "work permit number"),
    "work_permit_expiry": QT_TRANSLATE_NOOP("audit", "work permit expiry"),
    "payment_method": QT_TRANSLATE_NOOP("audit", "payment method"),
    "skills": QT_TRANSLATE_NOOP("audit", "skills"),
    "extra": QT_TRANSLATE_NOOP("audit", "other details"),
    # dwellings, assessments, photos
    "ref": QT_TRANSLATE_NOOP("audit", "reference"),
    "province": QT_TRANSLATE_NOOP("audit", "province"),
    "district": QT_TRANSLATE_NOOP("audit", "district"),
    "neighbourhood": QT_TRANSLATE_NOOP("audit", "neighbourhood"),
    "street": QT_TRANSLATE_NOOP("audit", "street"),
    "building_no": QT_TRANSLATE_NOOP("audit", "building no."),
    "flat_no": QT_TRANSLATE_NOOP("audit", "flat no."),
    "latitude": QT_TRANSLATE_NOOP("audit", "GPS latitude"),
    "longitude": QT_TRANSLATE_NOOP("audit", "GPS longitude"),
    "dwelling_type": QT_TRANSLATE_NOOP("audit", "dwelling type"),
    "floor_area_m2": QT_TRANSLATE_NOOP("audit", "floor area (m²)"),
    "rooms": QT_TRANSLATE_NOOP("audit", "rooms"),
    "stage": QT_TRANSLATE_NOOP("audit", "stage"),
    "office_id": QT_TRANSLATE_NOOP("audit", "office"),
    "dwelling_id": QT_TRANSLATE_NOOP("audit", "dwelling"),
    "household_id": QT_TRANSLATE_NOOP("audit", "household"),
    "landlord_id": QT_TRANSLATE_NOOP("audit", "landlord"),
    "assessed_on": QT_TRANSLATE_NOOP("audit", "assessment date"),
    "assessor_id": QT_TRANSLATE_NOOP("audit", "assessor"),
    "conditions": QT_TRANSLATE_NOOP("audit", "conditions"),
    "measurements": QT_TRANSLATE_NOOP("audit", "rooms and openings"),
    "occupants": QT_TRANSLATE_NOOP("audit", "people living there"),
    "priority_score": QT_TRANSLATE_NOOP("audit", "priority score"),
    "eligible": QT_TRANSLATE_NOOP("audit", "eligible"),
    "eligibility_reason": QT_TRANSLATE_NOOP("audit", "reason for the decision"),
    "is_final": QT_TRANSLATE_NOOP("audit", "final assessment"),
    "notes": QT_TRANSLATE_NOOP("audit", "notes"),
    "assessment_id": QT_TRANSLATE_NOOP("audit", "assessment"),
    "taken_at": QT_TRANSLATE_NOOP("audit", "taken at"),
    "tag": QT_TRANSLATE_NOOP("audit", "tag"),
    "caption": QT_TRANSLATE_NOOP("audit", "caption"),
    "component": QT_TRANSLATE_NOOP("audit", "component"),
    "original_name": QT_TRANSLATE_NOOP("audit", "file name"),
    "sha256": QT_TRANSLATE_NOOP("audit", "file fingerprint (SHA-256)"),
    "size_bytes": QT_TRANSLATE_NOOP("audit", "file size (bytes)"),
    "width": QT_TRANSLATE_NOOP("audit", "width (px)"),
    "height": QT_TRANSLATE_NOOP("audit", "height (px)"),
    # agreements
    "number": QT_TRANSLATE_NOOP("audit", "agreement number"),
    "status": QT_TRANSLATE_NOOP("audit", "status"),
    "term_months": QT_TRANSLATE_NOOP("audit", "term (months)"),
    "start_date": QT_TRANSLATE_NOOP("audit", "start date"),
    "end_date": QT_TRANSLATE_NOOP("audit", "end date"),
    "monthly_rent": QT_TRANSLATE_NOOP("audit", "monthly rent"),
    "rent_free_months": QT_TRANSLATE_NOOP("audit", "rent-free months"),
    "deposit": QT_TRANSLATE_NOOP("audit", "deposit"),
    "payment_day": QT_TRANSLATE_NOOP("audit", "payment day"),
    "payment_iban": QT_TRANSLATE_NOOP("audit", "IBAN for the rent"),
    "fixtures": QT_TRANSLATE_NOOP("audit", "fixtures"),
    "utilities": QT_TRANSLATE_NOOP("audit", "utilities"),
    "title_deed_block": QT_TRANSLATE_NOOP("audit", "title deed block"),
    "title_deed_parcel": QT_TRANSLATE_NOOP("audit", "title deed parcel"),
    "court": QT_TRANSLATE_NOOP("audit", "court"),
    "languages": QT_TRANSLATE_NOOP("audit", "languages"),
    "signed_on": QT_TRANSLATE_NOOP("audit", "signed on"),
    "end_reason": QT_TRANSLATE_NOOP("audit", "reason for ending"),
    "renewal_of_id": QT_TRANSLATE_NOOP("audit", "renewal of"),
    "agreement_id": QT_TRANSLATE_NOOP("audit", "agreement"),
    "due_on": QT_TRANSLATE_NOOP("audit", "due on"),
    "visited_on": QT_TRANSLATE_NOOP("audit", "visited on"),
    "rent_paid": QT_TRANSLATE_NOOP("audit", "rent paid"),
    "household_present": QT_TRANSLATE_NOOP("audit", "household present"),
    # bills of quantity and the price catalogue
    "catalogue_id": QT_TRANSLATE_NOOP("audit", "price catalogue"),
    "previous_id": QT_TRANSLATE_NOOP("audit", "revision of"),
    "boq_id": QT_TRANSLATE_NOOP("audit", "bill of quantities"),
    "price_item_id": QT_TRANSLATE_NOOP("audit", "catalogue item"),
    "boq_line_id": QT_TRANSLATE_NOOP("audit", "BoQ line"),
    "outcome": QT_TRANSLATE_NOOP("audit", "outcome"),
    "note": QT_TRANSLATE_NOOP("audit", "note"),
    "signed_scan_sha256": QT_TRANSLATE_NOOP("audit", "signed scan fingerprint (SHA-256)"),
    "label": QT_TRANSLATE_NOOP("audit", "name"),
    "valid_from": QT_TRANSLATE_NOOP("audit", "valid from"),
    "published": QT_TRANSLATE_NOOP("audit", "published"),
    "code": QT_TRANSLATE_NOOP("audit", "code"),
    "category": QT_TRANSLATE_NOOP("audit", "category"),
    "description": QT_TRANSLATE_NOOP("audit", "description"),
    "description_tr": QT_TRANSLATE_NOOP("audit", "description (Turkish)"),
    "description_en": QT_TRANSLATE_NOOP("audit", "description (English)"),
    "description_ar": QT_TRANSLATE_NOOP("audit", "description (Arabic)"),
    "unit": QT_TRANSLATE_NOOP("audit", "unit"),
    "unit_price": QT_TRANSLATE_NOOP("audit", "unit price"),
    "kdv_rate": QT_TRANSLATE_NOOP("audit", "VAT rate"),
    "withdrawn": QT_TRANSLATE_NOOP("audit", "withdrawn"),
    "revision": QT_TRANSLATE_NOOP("audit", "revision"),
    "contingency_pct": QT_TRANSLATE_NOOP("audit", "contingency %"),
    "quantity": QT_TRANSLATE_NOOP("audit", "quantity"),
    "position": QT_TRANSLATE_NOOP("audit", "line number"),
    "submitted_at": QT_TRANSLATE_NOOP("audit", "submitted at"),
    "submitted_by": QT_TRANSLATE_NOOP("audit", "submitted by"),
    "decided_at": QT_TRANSLATE_NOOP("audit", "decided at"),
    "decided_by": QT_TRANSLATE_NOOP("audit", "decided by"),
    "return_reason": QT_TRANSLATE_NOOP("audit", "reason for return"),
    # cash for work
    "timesheet_id": QT_TRANSLATE_NOOP("audit", "timesheet"),
    "payment_batch_id": QT_TRANSLATE_NOOP("audit", "payment batch"),
    "requested_by": QT_TRANSLATE_NOOP("audit", "requested by"),
    "reason": QT_TRANSLATE_NOOP("audit", "reason"),
    "answer": QT_TRANSLATE_NOOP("audit", "answer"),
    "worker_id": QT_TRANSLATE_NOOP("audit", "worker"),
    "work_date": QT_TRANSLATE_NOOP("audit", "work date"),
    "portion": QT_TRANSLATE_NOOP("audit", "portion of a day"),
    "task": QT_TRANSLATE_NOOP("audit", "task"),
    "override_reason": QT_TRANSLATE_NOOP("audit", "reason for the exception"),
    "period": QT_TRANSLATE_NOOP("audit", "period"),
    "period_start": QT_TRANSLATE_NOOP("audit", "period start"),
    "period_end": QT_TRANSLATE_NOOP("audit", "period end"),
    "total": QT_TRANSLATE_NOOP("audit", "total"),
    "paid_at": QT_TRANSLATE_NOOP("audit", "paid at"),
    # users, offices and settings
    "budget": QT_TRANSLATE_NOOP("audit", "budget"),
    "closed_at": QT_TRANSLATE_NOOP("audit", "closed on"),
    "records": QT_TRANSLATE_NOOP("audit", "records"),
    "files": QT_TRANSLATE_NOOP("audit", "files"),
    "reason_code": QT_TRANSLATE_NOOP("audit", "reason (code)"),
    "username": QT_TRANSLATE_NOOP("audit", "user name"),
    "role": QT_TRANSLATE_NOOP("audit", "role"),
    "password_hash": QT_TRANSLATE_NOOP("audit", "password"),
    "must_change_password": QT_TRANSLATE_NOOP("audit", "must change password"),
    "failed_logins": QT_TRANSLATE_NOOP("audit", "failed sign-ins"),
    "locked_until": QT_TRANSLATE_NOOP("audit", "locked until"),
    "language": QT_TRANSLATE_NOOP("audit", "interface language"),
    "active": QT_TRANSLATE_NOOP("audit", "active"),
    "key": QT_TRANSLATE_NOOP("audit", "setting"),
    "value": QT_TRANSLATE_NOOP("audit", "value"),
    "deleted_at": QT_TRANSLATE_NOOP("audit", "deleted at"),
}


# Columns holding a code of a fixed set, by column name: the code's label on the screens
_CHOICES: dict[str, Callable[[str], str]] = {
    "stage": lambda code: Stage(code).label,
    "role": lambda code: Role(code).label,
    "protection_status": lambda code: ProtectionStatus(code).label,
    "nationality": nationality_label,  # kept in Turkish ("Türkiye"), shown as "Turkish"
    "kind": lambda code: LandlordKind(code).label,
    "payment_method": lambda code: PaymentMethod(code).label,
    "tag": lambda code: tag_labels()[PhotoTag(code)],
    "dwelling_type": dwelling_type_label,
    "component": component_label,
    "category": lambda code: Category(code).label,
    "language": lambda code: LANGUAGES[code],
    "sex": sex_label,  # a household member's
    "relation": relation_label,
}


def _approval(code: str) -> str:
    return approval_status_label(ApprovalStatus(code))


# "status" holds another set in each table
_STATUSES: dict[str, Callable[[str], str]] = {
    "lease_agreements": lambda code: agreement_status_label(AgreementStatus(code)),
    "boqs": _approval,
    "timesheets": _approval,
    "payment_batches": lambda code: batch_status_label(BatchStatus(code)),
}


def _label(table: dict[str, str], name: str) -> str:
    """Through i18n: the console's translator on the command line, Qt's in the GUI."""
    text = table.get(name)
    return str(i18n.translate("audit", text)) if text else name


def action_label(action: str) -> str:
    return _label(_ACTIONS, action)


def entity_label(entity: str) -> str:
    return _label(_ENTITIES, entity)


def field_label(column: str) -> str:
    """A changed column as the trail names it: "head_name" -> "head of household"."""
    return _label(_FIELDS, column)


def choice_label(entity: str, column: str, code: str) -> str | None:
    """A logged code as the screens name it ("assessed" -> "Assessed", in Turkish
    "Değerlendirildi"); None when the column holds free values or the code is not (or no
    longer) one of its set."""
    label = _STATUSES.get(entity) if column == "status" else _CHOICES.get(column)
    try:
        return label(code) if label else None
    except (KeyError, ValueError):
        return None
