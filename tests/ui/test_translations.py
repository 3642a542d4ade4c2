"""The committed Qt Linguist files: complete, up to date with the code, placeholders intact.

A developer who adds a string without translating it gets a failing test that lists it; the
fix is `.ci/translations update`, then translating the new entries.
"""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("tr", "ar")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TURKISH_ONLY = set("ğşıİĞŞ")
PRODUCT = "Barınak"  # the app's name, the same in every language
FORMS = "\x1e"  # between the plural forms of a message in `messages`


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file; a plural
    message's translation text is its forms, joined by FORMS."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if forms:
                translation.text = FORMS.join(forms) if all(f.strip() for f in forms) else ""
            found.append((name, message.findtext("source") or "", translation))
    return found


def lupdate() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    found = tool if tool.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        pytest.fail("pyside6-lupdate is missing; install PySide6 into the test environment")
    return Path(found)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated(code):
    entries = messages(FOLDER / f"shelter_app_{code}.ts")
    assert len(entries) > 600
    missing = [f"{context}: {source!r}" for context, source, translation in entries
               if translation.get("type") in ("unfinished", "vanished", "obsolete")
               or not (translation.text or "").strip()]
    assert missing == [], f"{len(missing)} unfinished in shelter_app_{code}.ts:\n" + "\n".join(
        missing)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translation_files_hold_every_string_of_the_code(tmp_path, code):
    committed = FOLDER / f"shelter_app_{code}.ts"
    copy = tmp_path / committed.name
    shutil.copyfile(committed, copy)
    subprocess.run([str(lupdate()), "-silent", "-no-obsolete", "-locations", "none",
                    "-extensions", "py", str(ROOT / "shelter_app"), "-ts", str(copy)],
                   check=True, capture_output=True)
    before = {(context, source) for context, source, _ in messages(committed)}
    after = {(context, source) for context, source, _ in messages(copy)}
    new = sorted(after - before)
    assert new == [], ("strings missing from the .ts files; run `.ci/translations update` "
                       "and translate them:\n" + "\n".join(f"{c}: {s!r}" for c, s in new))
    gone = sorted(before - after)
    assert gone == [], "strings no longer in the code; run `.ci/translations update`:\n" + \
        "\n".join(f"{c}: {s!r}" for c, s in gone)


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_match_the_source(code):
    wrong = []
    for context, source, translation in messages(FOLDER / f"shelter_app_{code}.ts"):
        for text in (translation.text or "").split(FORMS):  # each plural form
            if text and Counter(PLACEHOLDER.findall(text)) != Counter(
                    PLACEHOLDER.findall(source)):
                wrong.append(f"{context}: {source!r} -> {text!r}")
        text = translation.text or ""
        if not text:
            continue  # reported by test_every_string_is_translated
        if source.count(";;") != text.count(";;"):  # file dialog filters
            wrong.append(f"{context}: filter separators differ in {text!r}")
    assert wrong == []


PLURALS = {"tr": 1, "ar": 6, "en": 2}  # Qt's plural forms: Arabic has zero, one, two, few,
# many and other


@pytest.mark.parametrize("code", [*LANGUAGES, "en"])
def test_counts_use_the_plural_forms_of_each_language(tmp_path, code):
    """A count is written with %n and Qt's numerus forms, never "{count}" and .format ("1
    months"); English, the source language, has a file of its plural forms only."""
    path = FOLDER / f"shelter_app_{code}.ts"
    plural = [message for message in ET.parse(path).getroot().iter("message")
              if message.get("numerus") == "yes"]
    assert len(plural) >= 12
    for message in plural:
        forms = [form.text or "" for form in message.iter("numerusform")]
        assert len(forms) == PLURALS[code] and all(forms), message.findtext("source")
    if code == "en":
        assert len(plural) == len(list(ET.parse(path).getroot().iter("message")))
        copy = tmp_path / path.name
        shutil.copyfile(path, copy)
        subprocess.run([str(lupdate()), "-silent", "-no-obsolete", "-locations", "none",
                        "-extensions", "py", "-pluralonly", str(ROOT / "shelter_app"),
                        "-ts", str(copy)], check=True, capture_output=True)
        assert copy.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), \
            "plural strings changed; run `.ci/translations update` and translate them"


def test_translations_are_in_their_own_script():
    """A Turkish entry pasted into the Arabic file (or English left in it) shows up here."""
    misplaced = []
    for context, source, translation in messages(FOLDER / "shelter_app_ar.ts"):
        text = PLACEHOLDER.sub("", translation.text or "").replace(PRODUCT, "")
        letters = [ch for ch in text if ch.isalpha()]
        if (TURKISH_ONLY & set(text)) - set(source) or (len(letters) > 12 and not any(
                "\u0600" <= ch <= "\u06ff" for ch in letters)):
            misplaced.append(f"{context}: {source!r} -> {text!r}")
    assert misplaced == []


def test_turkish_entries_use_turkish_letters():
    entries = messages(FOLDER / "shelter_app_tr.ts")
    text = " ".join(translation.text or "" for _, _, translation in entries)
    assert TURKISH_ONLY <= set(text) | {"Ğ"}  # ğ ş ı İ Ş are all in use
    arabic = [source for _, source, translation in entries
              if any("\u0600" <= ch <= "\u06ff" for ch in translation.text or "")]
    assert arabic == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_users_read_the_product_name_not_the_package_name(code):
    """The Python package is shelter_app; every text a user reads calls the program Barınak,
    the same in every language."""
    wrong = [f"{context}: {source!r}" for context, source, translation
             in messages(FOLDER / f"shelter_app_{code}.ts")
             if "shelter_app" in source + (translation.text or "")
             or PRODUCT in source and PRODUCT not in (translation.text or "")]
    assert wrong == []


def test_no_comment_is_taken_for_a_translator_note():
    """lupdate reads a `#:` comment as a note for the next string's translators; the code's
    comments about attributes would reach them as misleading notes."""
    noted = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / "shelter_app").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.lstrip().startswith("#:")]
    assert noted == []
