"""Qt's own buttons (OK, Cancel, Close… of button boxes and message boxes, the wizard's Next,
Back and Finish) in the app's words, so one thing has one word in each language.

Qt's qtbase translation writes them its own way: Arabic "ألغِ", "أغلق", "احفظ" (imperatives)
beside the app's "إلغاء", "إغلاق", "حفظ"; the Turkish wizard "Sonraki" beside the import
dialog's "İleri". `StandardWords`, installed after qtbase's translator and so asked first,
answers Qt's contexts with the app's own translations of the same words (context
"StandardWords" of resources/translations), and leaves every other text to the others.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTranslator

# (Qt's context, Qt's source text) -> the app's word, translated in context "StandardWords"
_WORDS: dict[tuple[str, str], str] = {
    ("QPlatformTheme", "OK"): QT_TRANSLATE_NOOP("StandardWords", "OK"),
    ("QDialogButtonBox", "OK"): QT_TRANSLATE_NOOP("StandardWords", "OK"),
    ("QPlatformTheme", "Save"): QT_TRANSLATE_NOOP("StandardWords", "Save"),
    ("QPlatformTheme", "Open"): QT_TRANSLATE_NOOP("StandardWords", "Open"),
    ("QPlatformTheme", "&Yes"): QT_TRANSLATE_NOOP("StandardWords", "Yes"),
    ("QPlatformTheme", "&No"): QT_TRANSLATE_NOOP("StandardWords", "No"),
    ("QPlatformTheme", "Close"): QT_TRANSLATE_NOOP("StandardWords", "Close"),
    ("QPlatformTheme", "Cancel"): QT_TRANSLATE_NOOP("StandardWords", "Cancel"),
    ("QPlatformTheme", "Apply"): QT_TRANSLATE_NOOP("StandardWords", "Apply"),
    ("QPlatformTheme", "Retry"): QT_TRANSLATE_NOOP("StandardWords", "Try again"),
    ("QPlatformTheme", "Help"): QT_TRANSLATE_NOOP("StandardWords", "Help"),
    ("QWizard", "&Next >"): QT_TRANSLATE_NOOP("StandardWords", "Next"),
    ("QWizard", "< &Back"): QT_TRANSLATE_NOOP("StandardWords", "Back"),
    ("QWizard", "&Finish"): QT_TRANSLATE_NOOP("StandardWords", "Finish"),
    ("QWizard", "Cancel"): QT_TRANSLATE_NOOP("StandardWords", "Cancel"),
    ("QWizard", "&Help"): QT_TRANSLATE_NOOP("StandardWords", "Help"),
}


class StandardWords(QTranslator):
    """Answers Qt's standard button texts from `ours` (the app's translator); None for every
    other text, which the other translators then answer."""

    def __init__(self, ours: QTranslator, parent: object = None) -> None:
        super().__init__(parent)
        self._ours = ours

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        word = _WORDS.get((context, source))
        if word is None:
            return None  # type: ignore[return-value]  # not ours: the next translator
        return self._ours.translate("StandardWords", word) or word  # English: the source
