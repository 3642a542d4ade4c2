"""The reference contract that every contract's first font codes are learnt from."""

import pytest

from shelter_app.documents.clauses import clause_book
from shelter_app.documents.contract import ContractLayout
from shelter_app.documents.contract_reference import ARABIC_LETTERS, reference_contract


@pytest.mark.parametrize("languages", ["tr+ar", "tr+en", "tr"])
def test_the_reference_contract_holds_every_clause(languages):
    """A clause it left out would be drawn afresh in every contract that has it."""
    layout = ContractLayout(reference_contract(languages))
    assert len(layout.clauses()) == len(clause_book("tr").clauses)


def test_the_reference_contract_names_every_letter_in_each_form():
    reference = reference_contract("tr+ar")
    arabic = reference.tenant.name_in("ar")
    for letter in ARABIC_LETTERS:
        assert f" {letter} " in f" {arabic} " and letter * 3 in arabic and f"ب{letter}" in arabic
    assert set("ÇĞİÖŞÜçğıöşü") <= set(reference.landlord.name)
    assert set("0123456789") <= set(reference.landlord.id_number or "")
