"""docs/GLOSSARY.md: each term has one word per language on screens and on paper."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shelter_app.documents.clauses import clause_book

ROOT = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^\|(?!-)([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|\s*$")


def glossary() -> list[dict[str, str]]:
    rows = []
    for line in (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match.group(1).strip() != "English":
            cells = [cell.strip() for cell in match.groups()]
            rows.append({"en": cells[1], "tr": cells[3], "ar": cells[5], "term": cells[0]})
    return rows


def fold(text: str) -> str:
    return text.replace("I", "ı").replace("İ", "i").lower()


def translations(code: str) -> list[tuple[str, str]]:
    found = []
    path = ROOT / "resources" / "translations" / f"shelter_app_{code}.ts"
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        forms = [form.text or "" for form in translation.iter("numerusform")]
        found += [(message.findtext("source") or "", form)
                  for form in (forms or [translation.text or ""])]
    return found


def test_the_glossary_has_its_terms():
    assert {row["term"] for row in glossary()} >= {"deposit", "cash-for-work", "timesheet"}


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_every_screen_text_naming_a_term_uses_its_word(code):
    wrong = []
    for row in glossary():
        english = re.compile(rf"\b{re.escape(row['en'])}", re.IGNORECASE)
        for source, text in translations(code):
            if english.search(source) and fold(row[code]) not in fold(text):
                wrong.append(f"{row['term']}: {source!r} -> {text!r}")
    assert wrong == []


def test_papers_use_the_glossary_words():
    """The contract's labels and the finance papers' titles say what the screens say."""
    words = {row["term"]: row for row in glossary()}
    assert fold(words["deposit"]["tr"]) in fold(clause_book("tr").labels["field.deposit"])
    assert words["deposit"]["ar"] in clause_book("ar").labels["field.deposit"]
    landlord = words["landlord"]
    assert fold(landlord["tr"]) in fold(clause_book("tr").labels["party.landlord"])
    assert landlord["ar"] in clause_book("ar").labels["party.landlord"]
    cash = fold(words["cash-for-work"]["tr"])
    for module in ("timesheet", "payment_list"):
        source = (ROOT / "shelter_app" / "documents" / f"{module}.py").read_text(
            encoding="utf-8")
        assert cash in fold(source) and "nakit karşılığı çalışma" not in fold(source)


def test_english_and_arabic_screens_say_vat_not_kdv():
    """"KDV" is the Turkish word: the English sources and the Arabic translations use theirs."""
    assert [source for source, _ in translations("ar") if "KDV" in source] == []
    assert [text for _, text in translations("ar") if "KDV" in text] == []


def test_the_sample_texts_call_the_landlord_kiraya_veren():
    """The demo's and the screens tool's Turkish notes are what users see first: the glossary's
    "kiraya veren", never "ev sahibi" (which only the host community, "ev sahibi topluluk", keeps)."""
    sources = [*(ROOT / "shelter_app" / "demo").glob("*.py"),
               ROOT / "shelter_app" / "ui" / "screen_dialogs.py"]
    said = [f"{path.name}: {line.strip()}" for path in sources
            for line in path.read_text(encoding="utf-8").splitlines()
            if re.search(r"\bev sahib(?!i topluluk)", fold(line))]
    assert said == []


SYMBOL = re.compile(r"(?<![\w/])(?:m²|m³|cm|mm|kg|m)(?![\w²³])")
# Arabic letters standing for a symbol: "م²", "م³", "سم", "مم", "كغ", "كجم", "م" after a number
LOCAL_SYMBOL = re.compile(r"[مس]?م[²³]|(?<![\w\u064b-\u065f])(?:سم|مم|كغ|كلغ|كجم)(?![\w\u064b-\u065f])"
                          r"|[\d}\u2069]\s*م(?![\w\u064b-\u065f])")


@pytest.mark.parametrize("code", ["tr", "ar", "en"])
def test_unit_symbols_are_the_same_in_every_language(code):
    """shelter_app.domain.units: m, m², m³ are written alike in every language; only the
    words ("adet", "götürü") are translated. A translation keeps its source's symbols."""
    wrong = [f"{source!r} -> {text!r}" for source, text in translations(code)
             if text and (sorted(SYMBOL.findall(source)) != sorted(SYMBOL.findall(text))
                          or LOCAL_SYMBOL.search(text))]
    assert wrong == []


def test_the_arabic_contract_writes_unit_symbols():
    clauses = (ROOT / "resources" / "contracts" / "clauses_ar.md").read_text(encoding="utf-8")
    assert LOCAL_SYMBOL.search(clauses) is None and "متر مربع" not in clauses
    assert "{area} m²" in clauses
