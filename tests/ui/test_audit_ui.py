"""The audit screen and a dwelling's history, driven as a supervisor would."""

import re

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shelter_app.data.models import Dwelling
from shelter_app.services.accounts import auth
from shelter_app.ui.audit.page import AuditPage
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog


def change_street(db, actor, ref: str, street: str) -> Dwelling:
    with db.write(actor) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == ref))
        dwelling.street = street
    return dwelling


def test_audit_page_filters_by_user_and_record(qtbot, demo_db, supervisor, admin):
    change_street(demo_db, supervisor, "GAZ-D-000001", "Yeni Şehir Caddesi")
    auth.create_user(demo_db, admin, username="deneme", full_name="Deneme Kullanıcı",
                     role=auth.Role.ENGINEER, office_code="GAZ", password="temporary-1")
    page = AuditPage(demo_db, supervisor)
    qtbot.addWidget(page)
    model = page.model
    assert model.row_at(0).record == "deneme"  # newest first, shown by reference
    assert model.row_at(1).record == "GAZ-D-000001"

    qtbot.keyClicks(page.user_edit, "supervisor.gaz")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 3)) == "dwelling: GAZ-D-000001"  # the kind, translated
    assert "Yeni Şehir Caddesi" in model.data(model.index(0, 4))

    page.user_edit.clear()
    qtbot.keyClicks(page.record_edit, "deneme")
    qtbot.keyClick(page.record_edit, Qt.Key.Key_Return)
    assert [model.row_at(r).action for r in range(model.rowCount())] == ["create"]

    page.record_edit.setText("GAZ-D-999999")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert "No record GAZ-D-999999" in page.message.text()


def test_the_dwelling_file_tells_its_history_in_words(qtbot, demo_db, engineer):
    dwelling = change_street(demo_db, engineer, "GAZ-D-000002", "Gül Sokak 2")
    change_street(demo_db, engineer, "GAZ-D-000002", "Gül Sokak 3")
    dialog = DwellingFileDialog(demo_db, engineer, dwelling.id)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.history_tab)
    qtbot.waitUntil(lambda: not dialog.history_tab.loading)  # read in a worker
    model = dialog.history_tab.model
    texts = [[model.item(row, column).text() for column in range(5)]
             for row in range(model.rowCount())]
    assert texts[0][1] == "engineer.gaz"
    assert texts[0][3] == "street: Gül Sokak 2 → Gül Sokak 3"
    assert texts[0][2] == "dwelling GAZ-D-000002 changed"
    assert not any(re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", cell) for row in texts for cell in row)


def test_the_system_is_named_in_the_interface_language_and_found_by_that_name(in_language):
    from shelter_app.ui.audit.model import actor_name
    from shelter_app.ui.audit.page import user_typed

    in_language("tr")
    assert actor_name("system") == "sistem" and actor_name("ayse.k") == "ayse.k"
    assert user_typed(" Sistem ") == "system" and user_typed("ayse.k") == "ayse.k"
    in_language("ar")
    assert actor_name("system") == "النظام" and user_typed("النظام") == "system"
    assert user_typed("  ") is None


def test_every_column_a_record_syncs_has_a_label(in_language):
    """History and the Sync page list a change's fields by these labels: a missing one shows raw
    (a Latin "search_key" in the Arabic list). Conflicts' own columns are never listed."""
    in_language("ar")
    from shelter_app.data.replication import NOT_SENT, TABLES, synced_columns
    from shelter_app.ui.audit.labels import field_label

    bookkeeping = NOT_SENT | {"created_at", "created_by"}
    unnamed = {(table, column) for table in TABLES if table != "sync_conflicts"
               for column in synced_columns(table)
               if column not in bookkeeping and field_label(column) == column}
    assert not unnamed


@pytest.mark.parametrize(("code", "shown"), [("en", "Turkish"), ("ar", "تركي")])
def test_a_logged_nationality_is_named_as_the_household_tab_names_it(in_language, code, shown):
    """Kept in Turkish ("Türkiye"), it read so in the English History tab beside "Turkish"."""
    from shelter_app.ui.audit.model import _value

    in_language(code)
    assert _value("households", "nationality", "Türkiye") == shown
    assert _value("households", "nationality", "Kazakistan") == "Kazakistan"  # typed freely


def test_a_household_members_sex_and_relation_read_as_words(in_language):
    """History, the Sync page and the conflicts showed a member's "female" and "parent" as
    the log stores them, Latin codes inside Arabic lines."""
    from shelter_app.domain.members import RELATIONS, SEXES
    from shelter_app.ui.audit.model import _value

    in_language("ar")
    assert _value("household_members", "sex", "female") == "أنثى"
    assert _value("household_members", "relation", "parent") == "الأب أو الأم"
    for column, codes in (("sex", SEXES), ("relation", RELATIONS)):
        for code in codes:
            assert _value("household_members", column, code) != code


def test_every_table_a_record_syncs_from_has_a_label(in_language):
    """Refusals and the Sync page name a kind of record by these labels: a missing one shows
    the table's name ("household_members")."""
    in_language("ar")
    from shelter_app.data.replication import TABLES
    from shelter_app.ui.audit.labels import entity_label

    assert not {table for table in TABLES if entity_label(table) == table}
