"""A household as the programme registers it: members by age band and sex, vulnerabilities.

Household.members is a JSON object with the keys of MEMBER_KEYS (people in each band, the head
included), or only UNSPECIFIED when a list gave the household's size alone; Household.vulnerabilities is a list of the codes of VULNERABILITIES. The codes are
data (stored, exported, used by the priority score's settings); their labels are translated.
"""

from collections.abc import Collection, Mapping

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

# the age bands by sex, in the order forms show them
MEMBER_KEYS: tuple[str, ...] = (
    "female_0_17", "male_0_17", "female_18_59", "male_18_59", "female_60_plus", "male_60_plus",
)
# more people in one band than this is a typing error, not a household
MAX_IN_BAND = 25
# the people of a household whose size alone is known (an imported list without age bands)
UNSPECIFIED = "unspecified"
MAX_HOUSEHOLD = 30


def member_label(key: str) -> str:
    return {
        "female_0_17": lambda: translate("household", "Girls 0–17"),
        "male_0_17": lambda: translate("household", "Boys 0–17"),
        "female_18_59": lambda: translate("household", "Women 18–59"),
        "male_18_59": lambda: translate("household", "Men 18–59"),
        "female_60_plus": lambda: translate("household", "Women 60+"),
        "male_60_plus": lambda: translate("household", "Men 60+"),
    }[key]()


VULNERABILITIES: tuple[str, ...] = (
    "disability", "chronic_illness", "older_person", "female_headed", "child_headed",
    "pregnant_lactating",
)


def vulnerability_label(code: str) -> str:
    return {
        "disability": lambda: translate("household", "Disability"),
        "chronic_illness": lambda: translate("household", "Chronic illness"),
        "older_person": lambda: translate("household", "Older person"),
        "female_headed": lambda: translate("household", "Female-headed household"),
        "child_headed": lambda: translate("household", "Child-headed household"),
        "pregnant_lactating": lambda: translate("household", "Pregnant or lactating woman"),
    }[code]()


# The nationalities the household form offers, by the name stored: Turkish, as the contracts
# and the demo data write it, whatever the language of the person typing. Other names are
# stored as typed and shown unchanged.
_NATIONALITY_LABELS = {
    "Suriye": lambda: translate("household", "Syrian"),
    "Türkiye": lambda: translate("household", "Turkish"),
    "Afganistan": lambda: translate("household", "Afghan"),
    "Irak": lambda: translate("household", "Iraqi"),
    "İran": lambda: translate("household", "Iranian"),
    "Somali": lambda: translate("household", "Somali"),
}
NATIONALITIES: tuple[str, ...] = tuple(_NATIONALITY_LABELS)


def nationality_label(stored: str) -> str:
    """A stored nationality in the interface language ("Suriye" -> "Syrian" in English)."""
    label = _NATIONALITY_LABELS.get(stored)
    return label() if label else stored


def check_members(counts: Mapping[str, int | str], size: int | str = "") -> dict[str, int]:
    """Every band's count as a whole number from 0 to MAX_IN_BAND; at least one person. With
    no band counted, a household `size` from 1 to MAX_HOUSEHOLD alone will do (UNSPECIFIED)."""
    size_text = str(size).strip()
    if size_text and not any(str(counts.get(key, "")).strip() not in ("", "0")
                             for key in MEMBER_KEYS):
        if not size_text.isascii() or not size_text.isdigit() \
                or not 1 <= int(size_text) <= MAX_HOUSEHOLD:
            raise ValidationError(
                translate("household", "The household's size is a whole number of people from "
                                       "1 to {most}.").format(most=MAX_HOUSEHOLD),
                field="household_size")
        return {UNSPECIFIED: int(size_text)}
    unknown = set(counts) - set(MEMBER_KEYS)
    if unknown:
        raise ValueError(f"unknown member keys {sorted(unknown)}")  # a bug, not user input
    members: dict[str, int] = {}
    for key in MEMBER_KEYS:
        raw = counts.get(key, 0)
        text = str(raw).strip() or "0"
        if not text.isascii() or not text.isdigit() or int(text) > MAX_IN_BAND:
            raise ValidationError(
                translate("household", "{band}: enter a whole number of people from 0 to "
                                       "{most}.").format(band=member_label(key), most=MAX_IN_BAND),
                field=f"members.{key}")
        members[key] = int(text)
    if sum(members.values()) == 0:
        raise ValidationError(
            translate("household", "Count the household's members, the head included: at "
                                   "least one person."), field=f"members.{MEMBER_KEYS[2]}")
    return members


def check_vulnerabilities(codes: Collection[str]) -> list[str]:
    """The codes in the order of VULNERABILITIES, each once."""
    unknown = set(codes) - set(VULNERABILITIES)
    if unknown:
        raise ValueError(f"unknown vulnerabilities {sorted(unknown)}")  # a bug, not user input
    return [code for code in VULNERABILITIES if code in codes]
