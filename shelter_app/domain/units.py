"""Units of measure as each interface language writes them.

The price catalogue keeps the units of Turkish contractors' price lists: metric symbols (m,
m², m³), the same in every language, and two words, "adet" (pieces) and "götürü" (lump sum),
which an English or Arabic reader should read in their own language.
"""

_WORDS = {"adet": {"en": "pcs", "ar": "قطعة"},
          "götürü": {"en": "lump sum", "ar": "مقطوع"}}


def unit_name(unit: str, language: str) -> str:
    """`unit` ("adet") as `language` writes it ("pcs"); a symbol or unknown unit unchanged."""
    return _WORDS.get(unit, {}).get(language, unit)
