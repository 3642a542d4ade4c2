"""Turkish dictionary order for names, with ICU and with the hand-made fallback."""

import pytest

from shelter_app.domain import collation
from shelter_app.domain.textfold import turkish_sort_key

# the order of a Turkish dictionary: Ç after C, Ğ after G, I/ı before İ/i, Ö, Ş and Ü after
# their plain letters (I and ı are one letter in either case, as are İ and i); code-point order puts Ç, Ö, Ü, Ğ, İ, ı, Ş after Z
NAMES = ["Can", "Çelik", "Gül", "Güneş", "Ğ", "ılgın", "Irmak", "Işık", "iğde", "İpek",
         "Oğuz", "Ömer", "Sevgi", "Şahin", "Uysal", "Ünal", "Zeynep"]


def test_icu_is_installed() -> None:
    assert collation.ICU  # the wheel is a dependency (pyproject.toml)


def test_names_sort_in_turkish_order() -> None:
    shuffled = NAMES[::-1][3:] + NAMES[::-1][:3]
    assert collation.sorted_names(shuffled) == NAMES
    assert sorted(shuffled) != NAMES  # code points would not do


@pytest.mark.parametrize(("before", "after"), [("Cem", "Çelik"), ("Gül", "Ğ"),
                                               ("Işık", "İpek"), ("ılgın", "iğde"),
                                               ("Oğuz", "Ömer"), ("Sevgi", "Şahin"),
                                               ("Uysal", "Ünal"), ("Ünal", "Zeynep")])
def test_each_turkish_letter_after_its_plain_one(before: str, after: str) -> None:
    assert collation.compare(before, after) == -1
    assert collation.compare(after, before) == 1
    assert turkish_sort_key(before) < turkish_sort_key(after)  # the fallback agrees


def test_a_missing_name_sorts_last() -> None:
    rows = [("b", None), ("a", "Şahin"), ("c", "Can")]
    assert [ref for ref, _ in collation.sorted_names(rows, key=lambda row: row[1])] == \
        ["c", "a", "b"]


def test_without_icu_the_turkish_letters_still_sort(monkeypatch) -> None:
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, "icu", None)  # as in a checkout without the wheel
    try:
        fallback = importlib.reload(collation)
        assert not fallback.ICU
        assert fallback.sorted_names(NAMES[::-1]) == NAMES
    finally:
        monkeypatch.undo()
        importlib.reload(collation)
