"""The first start on an empty database, driven as a user would: programme name, offices,
administrator; each refusal at its field, everything saved at Finish."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from shelter_app.services.accounts import auth, offices
from shelter_app.ui.auth.dialogs import identify
from shelter_app.ui.auth.first_run import FirstRunWizard
from shelter_app.ui.main_window import MainWindow


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def shown_message(page, field: str) -> str:
    label = page.messages[field]
    return label.text() if label.isVisibleTo(page) else ""


def test_identify_on_an_empty_database_sets_the_programme_up(qtbot, db):
    seen: list[str] = []

    def run(wizard: QDialog) -> int:
        assert isinstance(wizard, FirstRunWizard)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)

        # 1. the programme's name: the default offered, an empty one refused at the field
        page = wizard.currentPage()
        assert page is wizard.programme and page.name.text() == "Barınak Programı"
        page.name.clear()
        next_page(qtbot, wizard)
        assert wizard.currentPage() is wizard.programme
        assert "programme's name" in shown_message(page, "name")
        page.name.setText("Barınma Programı Güneydoğu")  # Turkish letters: setText
        next_page(qtbot, wizard)

        # 2. the offices
        page = wizard.currentPage()
        assert page is wizard.offices
        next_page(qtbot, wizard)  # none yet
        assert wizard.currentPage() is page and "at least one office" in shown_message(
            page, "offices")
        fields = page.office
        assert [fields.province.itemText(i) for i in range(6)] == [
            "Adana", "Gaziantep", "Ankara", "Kilis", "Mersin", "Şanlıurfa"]
        fields.province.setCurrentIndex(fields.province.findText("Gaziantep"))
        assert (fields.code.text(), fields.name.text()) == ("GAZ", "Gaziantep Saha Ofisi")
        click(qtbot, page.add_button)
        assert page.list.count() == 1 and fields.code.text() == ""
        qtbot.keyClicks(fields.province.lineEdit(), "sanliurfa")  # found without Ş and ı
        qtbot.keyClicks(fields.code, "gaz")
        fields.name.setText("Şanlıurfa Haliliye Ofisi")
        click(qtbot, page.add_button)
        assert "already used" in shown_message(page, "code") and page.list.count() == 1
        fields.code.clear()
        qtbot.keyClicks(fields.code, "sur")
        click(qtbot, page.add_button)
        assert page.list.item(1).text() == "SUR — Şanlıurfa Haliliye Ofisi (Şanlıurfa)"
        fields.province.setCurrentIndex(fields.province.findText("Kilis"))
        click(qtbot, page.add_button)
        page.list.setCurrentRow(2)
        click(qtbot, page.remove_button)  # Kilis was a slip
        assert [o.code for o in page.planned] == ["GAZ", "SUR"]
        fields.province.setCurrentIndex(fields.province.findText("Mersin"))
        fields.code.clear()
        qtbot.keyClicks(fields.code, "M1")
        next_page(qtbot, wizard)  # what is left in the form is checked too
        assert wizard.currentPage() is page and "3 Latin letters" in shown_message(page, "code")
        fields.clear()
        next_page(qtbot, wizard)
        assert not auth.has_users(db) and offices.list_offices(db, auth.SYSTEM) == []

        # 3. the administrator: a refused password saves nothing
        page = wizard.currentPage()
        assert page is wizard.administrator and page.username.text() == "admin"
        page.full_name.setText("Ayşe Yönetici")
        qtbot.keyClicks(page.password, "short")
        qtbot.keyClicks(page.repeat, "short")
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        click(qtbot, finish)
        assert "at least 10" in shown_message(page, "password")
        assert wizard.result() != QDialog.DialogCode.Accepted and not auth.has_users(db)
        for edit in (page.password, page.repeat):
            edit.clear()
            qtbot.keyClicks(edit, "kahve ve simit 2027")
        click(qtbot, finish)
        seen.append("finished")
        return wizard.result()

    actor = identify(db, run=run)
    assert seen == ["finished"]
    assert actor is not None and actor.role is auth.Role.ADMIN
    assert actor.full_name == "Ayşe Yönetici"
    assert [(o.code, o.name, o.province) for o in offices.list_offices(db, actor)] == [
        ("GAZ", "Gaziantep Saha Ofisi", "Gaziantep"),
        ("SUR", "Şanlıurfa Haliliye Ofisi", "Şanlıurfa")]
    assert offices.programme_name(db) == "Barınma Programı Güneydoğu"
    assert auth.sign_in(db, "admin", "kahve ve simit 2027")[0] == actor
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    assert window.offices.model.rowCount() == 2


def test_cancelling_the_wizard_saves_nothing(qtbot, db):
    def run(wizard: QDialog) -> int:
        qtbot.addWidget(wizard)
        wizard.show()
        next_page(qtbot, wizard)
        click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
        return wizard.result()

    assert identify(db, run=run) is None
    assert not auth.has_users(db)
