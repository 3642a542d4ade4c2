"""Names in Turkish dictionary order (Ç after C, Ğ after G, ı before i, İ with i, Ö, Ş, Ü),
the same in Python lists and in SQL ORDER BY (`data/collation.py`).

ICU's Turkish collator (PyICU, shipped as the `pyicu-wheels` wheel) decides: it also orders
Arabic names and letters with marks as a dictionary would. Without ICU the order falls back to
`textfold.turkish_sort_key`, Turkish letters by hand and the rest by code point; `ICU` says
which one is in use."""

from collections.abc import Callable
from typing import Any

from shelter_app.domain.textfold import turkish_sort_key

try:
    import icu
except ImportError:  # a source checkout without the wheel: the hand-made order
    icu = None

ICU = icu is not None

if icu is not None:
    _collator = icu.Collator.createInstance(icu.Locale("tr"))

    def compare(left: str, right: str) -> int:
        """-1, 0 or 1 as `left` sorts before, with or after `right`."""
        return int(_collator.compare(left, right))

    name_key: Callable[[str], Any] = _collator.getSortKey
else:
    def compare(left: str, right: str) -> int:
        a, b = turkish_sort_key(left), turkish_sort_key(right)
        return (a > b) - (a < b)

    name_key = turkish_sort_key


def sorted_names(items: Any, key: Callable[[Any], str | None] = lambda x: x) -> list[Any]:
    """`items` in Turkish order of `key(item)`; a missing name sorts last."""
    return sorted(items, key=lambda item: (key(item) is None, name_key(key(item) or "")))

