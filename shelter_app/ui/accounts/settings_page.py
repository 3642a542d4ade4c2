"""Settings: the signed-in user's own choices; for now the interface language."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.i18n import LANGUAGES
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.preferences import set_user_language, user_language
from shelter_app.ui.language import remember_machine_language
from shelter_app.ui.running import current_language
from shelter_app.ui.style import page_title
from shelter_app.ui.wrapping import wrapped


class SettingsPage(QWidget):
    """Choosing a language saves it for the user and for this computer; the interface shows it
    from the next start (widgets built now keep the running language)."""

    language_changed = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Settings"))
        page_title(title)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(user_language(db, actor)))
        self.language.currentIndexChanged.connect(self._choose)
        note = QLabel(self.tr("The new language applies from the next start of Barınak. "
                              "Documents keep their own languages."))
        wrapped(note)
        self.status = QLabel()
        self.status.setObjectName("languageStatus")
        wrapped(self.status)
        box = QGroupBox(self.tr("Interface language"))
        form = QFormLayout(box)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(note)
        form.addRow(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(box)
        layout.addStretch(1)

    def _choose(self) -> None:
        code = self.language.currentData()
        set_user_language(self._db, self._actor, code)
        remember_machine_language(code)
        self.status.setText(
            "" if code == current_language() else
            self.tr("Saved: {language} applies from the next start.").format(
                language=LANGUAGES[code]))
        self.language_changed.emit(code)
