"""The reference contract: the one a process renders first in a pair of languages, to learn
the font codes every later contract gives out first (documents.first_codes).

It holds every clause (a rent-free period, a deposit, a renewal) and values made of the
digits, the Turkish letters and each Arabic letter in each of its forms, so a name rarely
brings a character of its own: the fonts' subsets, and so their programs
(documents.font_programs), are then the same from contract to contract.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from shelter_app.documents.contract_values import ContractDocument, ContractParty, ContractWork
from shelter_app.documents.fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD
from shelter_app.domain.boq import Category
from shelter_app.domain.lease import LeaseTerms

# each Arabic letter alone, three in a row (first, middle, last forms), after a beh (last)
ARABIC_LETTERS = [chr(code) for code in (*range(0x621, 0x63B), *range(0x641, 0x64B))]


def reference_fonts(languages: str) -> tuple[str, ...]:
    """The fonts a contract in `languages` draws in, in the order they are named."""
    return (SANS_BOLD, SANS, ARABIC_BOLD, ARABIC) if "ar" in languages else (SANS_BOLD, SANS)


def reference_contract(languages: str) -> ContractDocument:
    """A contract in `languages` with every clause and every letter (the landlord's Latin
    name is printed in the Arabic text too)."""
    landlord = ContractParty("ÇĞİÖŞÜ çğıöşü", "0123456789")
    tenant = replace(landlord, arabic_name=" ".join(
        f"{letter} {letter * 3} ب{letter}" for letter in ARABIC_LETTERS))
    day = date(2000, 1, 1)
    works = [ContractWork(Category.OTHER, "—", Decimal(1), unit, Decimal("1234567.89"),
                          Decimal(20)) for unit in ("m²", "adet", "m", "m³")]
    return ContractDocument(
        "—", languages, landlord, tenant, "—", "—",
        LeaseTerms(12, day, day, Decimal("1234567.89"), 1, Decimal(1), 1, "TR" + "0" * 24),
        "—", "—", works, title_deed_block="—", title_deed_parcel="—", floor_area_m2=Decimal(1),
        previous_number="—", issued=day)
