"""A refused op's reason reaches the laptop as its sentence's key and is shown in the laptop
user's language, whatever the server's; a reason an older server sent as plain text is shown
as it is."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

import case_inputs
from services.sync.machines import office_id
from shelter_app.data.models import Household, OutboxOp
from shelter_app.domain import i18n
from shelter_app.services.sync.client import take_outcomes
from shelter_app.services.sync.status import sync_status
from shelter_app.services.sync.wire import Report

FOLDER = Path(__file__).parents[3] / "resources" / "translations"
REFUSAL = "This record belongs to another office than this laptop's; it was not applied."


def _catalogue(code: str):
    """A translator (as Qt's) reading shelter_app_<code>.ts: services' tests run without Qt."""
    found = {}
    for context in ElementTree.parse(FOLDER / f"shelter_app_{code}.ts").getroot():
        for message in context.iter("message"):
            translation = message.find("translation")
            text = next((form.text for form in translation.iter("numerusform")),
                        translation.text)
            found[(context.findtext("name"), message.findtext("source"))] = text
    return lambda context, text, _disambiguation, n: i18n.counted(
        found.get((context, text)) or text, n)


@pytest.fixture
def language():
    before = i18n.installed()
    yield lambda code: i18n.install(_catalogue(code))
    i18n.install(before)


def _foreign_household(laptop_db, hub, admin) -> None:
    with laptop_db.write(admin) as session:  # an administrator may; this laptop's office may not
        values = case_inputs.household()
        session.add(Household(ref="ANK-H-A99999", office_id=office_id(hub, "ANK"),
                              head_name=values.head_name, head_id_number=values.id_number,
                              nationality=values.nationality,
                              protection_status=values.protection_status,
                              members={"adults": 2}))


def test_a_refusal_made_in_turkish_is_shown_in_arabic(laptop, hub, admin, language):
    turkish, arabic = _catalogue("tr"), _catalogue("ar")
    a = laptop("a")
    _foreign_household(a.db, hub, admin)
    language("tr")  # the server (and, for now, the laptop) in Turkish
    report = a.sync()
    assert report.refused == 1
    assert report.reasons[0].endswith(turkish("sync", REFUSAL, "", -1))
    language("ar")  # the laptop's user reads Arabic
    [held] = sync_status(a.db).held
    assert held.reason == arabic("sync", REFUSAL, "", -1) != REFUSAL
    language("tr")
    assert sync_status(a.db).held[0].reason == turkish("sync", REFUSAL, "", -1)


def test_a_reason_with_values_is_written_again_in_arabic(language):
    language("tr")
    source = "Only a submitted record can be approved or returned; this one is {status}."
    said = i18n.translate("sync", source).format(status="draft")
    assert said == _catalogue("tr")("sync", source, "", -1).format(status="draft")
    language("ar")
    assert i18n.rendered(said.key) == _catalogue("ar")("sync", source, "", -1).format(
        status="draft")


def test_an_older_servers_plain_reason_is_shown_as_sent(laptop, hub, admin, language):
    a = laptop("a")
    _foreign_household(a.db, hub, admin)
    language("ar")
    report = Report()
    with a.db.write() as session:
        ops = list(session.scalars(select(OutboxOp).where(OutboxOp.status == "pending")))
        take_outcomes(session, ops, [{"op_id": str(op.op_id), "status": "refused",
                                      "reason": "{Eski sunucu} bu kaydı kabul etmedi."}
                                     for op in ops], report)
    assert report.reasons[0].endswith(": {Eski sunucu} bu kaydı kabul etmedi.")
    assert {op.reason for op in sync_status(a.db).held} == {
        "{Eski sunucu} bu kaydı kabul etmedi."}
