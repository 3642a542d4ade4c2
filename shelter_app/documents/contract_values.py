"""A landlord agreement's printable values: what the services read from the database and the
documents layer prints (documents.contract), plain data that pickles to a worker process."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from shelter_app.domain.boq import Category, PricedLine, Totals, compute_totals
from shelter_app.domain.lease import LeaseTerms


@dataclass(frozen=True)
class ContractParty:
    """A party as printed: names exactly as stored, ID and IBAN in full (the signed copy)."""

    name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    iban: str | None = None
    nationality: str | None = None
    reference: str | None = None
    arabic_name: str | None = None  # printed in the Arabic column; `name` is in Latin letters

    def name_in(self, language: str) -> str:
        return self.arabic_name if language == "ar" and self.arabic_name else self.name


@dataclass(frozen=True, slots=True)
class ContractWork:
    """A line of the approved BoQ: its Turkish description and its translation."""

    category: Category
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    kdv_rate: Decimal
    translation: str | None = None


@dataclass(frozen=True)
class ContractDocument:
    number: str
    languages: str  # "tr+ar", "tr+en" or "tr"
    landlord: ContractParty
    tenant: ContractParty
    programme: str
    property_address: str
    terms: LeaseTerms
    court: str
    boq_ref: str
    works: Sequence[ContractWork]
    contingency_pct: Decimal = Decimal(0)
    title_deed_block: str | None = None
    title_deed_parcel: str | None = None
    floor_area_m2: Decimal | None = None
    fixtures: str | None = None
    utilities: str | None = None
    stamp_tax_per_mille: Decimal = Decimal("1.89")
    bank_payment_threshold: Decimal = Decimal("500.00")
    previous_number: str | None = None
    programme_signatory: str | None = None
    issued: date | None = None

    @property
    def second(self) -> str | None:
        """The translation printed under the Turkish: "ar", "en" or None."""
        return self.languages.partition("+")[2] or None

    @property
    def totals(self) -> Totals:
        return compute_totals([PricedLine.of(work) for work in self.works],
                              self.contingency_pct)
