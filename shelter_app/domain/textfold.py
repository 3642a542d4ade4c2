"""Search keys for names and places typed in Turkish, Arabic or Latin transliteration.

SQLite folds ASCII case only, so records keep a stored, folded search column (FIELD_NOTES.md):
"IBRAHİM", "İbrahim" and "ibrahim" must meet, as must "Şanlıurfa" and "Sanliurfa", and Arabic
names typed with or without vowel marks. Changing `fold` means rebuilding that column.
"""

import re
import unicodedata
from functools import lru_cache

_TATWEEL = "\u0640"
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def turkish_lower(text: str) -> str:
    """Lower case with the Turkish rule for I: "I" becomes "ı" and "İ" becomes "i"."""
    return text.replace("İ", "i").replace("I", "ı").lower()


@lru_cache(maxsize=1 << 16)  # pure, and search keys repeat their places and names many times
def fold(text: str) -> str:
    """The search key: Turkish lower case, no diacritics or Arabic marks, single spaces.

    NFKC first, so that compatibility forms (Arabic presentation forms, full-width letters) and
    a decomposed "İ" reach the Turkish rule as ordinary letters. NFKD then splits every accented
    letter into base + mark, including the alef forms أ إ آ (alef + hamza or madda), and all
    marks are dropped, which also removes Arabic harakat (U+064B-U+065F, U+0670). "ı", which has
    no decomposition, and tatweel, which is not a mark, are handled by hand.
    """
    if text.isascii():  # no marks, nothing to normalise, and "I" ends as "i": most references
        return " ".join(text.lower().split())
    text = turkish_lower(unicodedata.normalize("NFKC", text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    text = text.replace("ı", "i").replace(_TATWEEL, "")
    return " ".join(text.split())


def tokens(*texts: str | None) -> set[str]:
    """The folded words of `texts`, split at anything not a letter or digit; None is skipped."""
    return {
        token
        for text in texts
        if text is not None
        for token in _NOT_ALPHANUMERIC.split(fold(text))
        if token
    }


_TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_TURKISH_ORDER = {letter: n for n, letter in enumerate(_TURKISH_ALPHABET)}


def turkish_sort_key(text: str) -> tuple[tuple[int, str], ...]:
    """Order words as a Turkish dictionary does (Ç after C, İ after I, Ş after S); letters
    outside the Turkish alphabet come after it, in code-point order."""
    return tuple((_TURKISH_ORDER.get(letter, len(_TURKISH_ORDER)), letter)
                 for letter in turkish_lower(text))
