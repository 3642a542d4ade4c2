import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.textfold import fold, tokens, turkish_lower

TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyzâîûqwx"


def turkish_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def test_turkish_lower() -> None:
    assert turkish_lower("IĞDIR İZMİR") == "ığdır izmir"
    assert turkish_lower("ÇAĞLAYAN Öz") == "çağlayan öz"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("İbrahim", "ibrahim"),
        ("ibrahim", "ibrahim"),
        ("IBRAHİM", "ibrahim"),
        ("Şanlıurfa", "sanliurfa"),
        ("ŞANLIURFA", "sanliurfa"),
        ("Keçiören", "kecioren"),
        ("KEÇİÖREN", "kecioren"),
        ("Gaziantep  \t Şahinbey ", "gaziantep sahinbey"),
        ("Hâkim Kâzım Îmar Ûmit", "hakim kazim imar umit"),
        ("I\u0307brahim", "ibrahim"),  # a decomposed İ
        ("ＩＢＲＡＨＩＭ", "ibrahim"),  # full-width letters
        ("", ""),
    ],
)
def test_fold_latin(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("مُحَمَّد", "محمد"),  # harakat
        ("مـحـمـد", "محمد"),  # tatweel
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنة"),
        ("رحمٰن", "رحمن"),  # superscript alef U+0670
        ("\ufefb", "لا"),  # lam-alef presentation form
        ("\ufe8d\ufedf\ufea4\ufee0\ufe92", "الحلب"),  # presentation forms of ا ل ح ل ب
    ],
)
def test_fold_arabic(text: str, key: str) -> None:
    assert fold(text) == key


def test_tokens() -> None:
    assert tokens("GAZ-D-000123") == {"gaz", "d", "000123"}
    assert tokens("İbrahim ŞAHİN", None, "Şanlıurfa/Eyyübiye_2") == {
        "ibrahim",
        "sahin",
        "sanliurfa",
        "eyyubiye",
        "2",
    }
    assert tokens() == set()
    assert tokens(None, "", " - ") == set()
    assert tokens("أَحْمَد الحلبي") == {"احمد", "الحلبي"}


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=TURKISH_ALPHABET + TURKISH_ALPHABET.upper() + " -'"))
def test_fold_ignores_turkish_case(text: str) -> None:
    assert fold(turkish_upper(text)) == fold(text)
    assert fold(turkish_lower(text)) == fold(text)


@given(st.text())
def test_tokens_are_folded_words(text: str) -> None:
    for token in tokens(text):
        assert token and fold(token) == token and " " not in token
