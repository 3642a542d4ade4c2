"""Valid typed inputs for a new case, as an engineer fills the forms; tests override fields."""

import dataclasses
from datetime import timedelta
from typing import Any

from shelter_app.domain import clock
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import ProtectionStatus
from shelter_app.services.assessments.assessments import AssessmentInput
from shelter_app.services.cases.records import DwellingInput, LandlordInput
from shelter_app.services.cases.households import HouseholdInput

HEAD_TCKN = make_tckn("312345678")
LANDLORD_TCKN = make_tckn("412345678")


def household(**changes: Any) -> HouseholdInput:
    base = HouseholdInput(
        head_name="Zeynep Kılıç", id_number=HEAD_TCKN, nationality="Türkiye",
        protection_status=ProtectionStatus.HOST, consent_on=clock.today() - timedelta(days=1),
        members={"female_18_59": 1, "male_18_59": 1, "female_0_17": 2},
        vulnerabilities=["chronic_illness"], phone="0532 123 45 67")
    return dataclasses.replace(base, **changes)


def dwelling(**changes: Any) -> DwellingInput:
    base = DwellingInput(
        province="Gaziantep", district="Şahinbey", neighbourhood="Karşıyaka",
        street="Gül Sokak", building_no="12", flat_no="3", dwelling_type="apartment",
        floor_area_m2="64,5", rooms="3", latitude="37,0662", longitude="37,3833")
    return dataclasses.replace(base, **changes)


def landlord(**changes: Any) -> LandlordInput:
    return dataclasses.replace(
        LandlordInput(name="Hüseyin Öztürk", id_number=LANDLORD_TCKN, phone="05429876543"),
        **changes)


def assessment(**changes: Any) -> AssessmentInput:
    base = AssessmentInput(
        assessed_on=clock.today(), occupants="4",
        conditions={"walls_insulation": (4, "no insulation"), "windows": (3, "single glazed"),
                    "doors": (2, ""), "electricity": (1, "")},
        eligible=True, eligibility_reason="Poor insulation, vulnerable household.")
    return dataclasses.replace(base, **changes)
