"""Setting a programme up on an empty database: checked step by step, saved at the end."""

import pytest

from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth, first_run, offices
from shelter_app.services.accounts.audit_log import list_events
from shelter_app.services.accounts.first_run import OfficeInput

GAZ = OfficeInput("GAZ", "Gaziantep Saha Ofisi", "Gaziantep")


def set_up(db, planned=(GAZ,), password="uzun bir parola 7"):
    return first_run.set_up_programme(
        db, "  Barınma   Programı 2027 ", planned, username="Ayse.Admin",
        full_name="Ayşe Yönetici", password=password, repeat=password)


def test_check_office_cleans_like_add_office_and_refuses_a_code_twice(db):
    office = first_run.check_office(db, " gaz ", " Gaziantep  Saha Ofisi ", "gaziantep")
    assert office == GAZ
    surfa = first_run.check_office(db, "sur", "Şanlıurfa Ofisi", "sanliurfa", [GAZ])
    assert surfa.province == "Şanlıurfa"
    with pytest.raises(ValidationError) as refused:
        first_run.check_office(db, "GAZ", "Başka", "Kilis", [GAZ])
    assert refused.value.field == "code" and "Gaziantep Saha Ofisi" in refused.value.message
    for args, field in ((("G1Z", "x", "Kilis"), "code"), (("KLS", " ", "Kilis"), "name"),
                        (("KLS", "Kilis", "Atlantis"), "province")):
        with pytest.raises(ValidationError) as refused:
            first_run.check_office(db, *args)
        assert refused.value.field == field


def test_the_programme_needs_a_name_and_an_office(db):
    with pytest.raises(ValidationError) as refused:
        first_run.check_programme_name("   ")
    assert refused.value.field == "name"
    with pytest.raises(ValidationError) as refused:
        first_run.check_offices(db, [])
    assert refused.value.field == "offices"


def test_set_up_saves_admin_offices_and_name_under_the_admin(db):
    admin = set_up(db, (GAZ, OfficeInput("SUR", "Şanlıurfa Saha Ofisi", "Şanlıurfa")))
    assert (admin.username, admin.role, admin.full_name) == ("ayse.admin", Role.ADMIN,
                                                              "Ayşe Yönetici")
    assert [o.code for o in offices.list_offices(db, admin)] == ["GAZ", "SUR"]
    assert offices.programme_name(db) == "Barınma Programı 2027"
    assert not first_run.needs_set_up(db)
    written = {(event.entity, event.record): event.user
               for event in list_events(db, admin, offset=0, limit=50)}
    assert written[("offices", "GAZ")] == written[("offices", "SUR")] == "ayse.admin"
    assert "ayse.admin" in {user for (entity, _), user in written.items()
                            if entity == "settings"}


def test_a_refused_password_saves_nothing(db):
    with pytest.raises(ValidationError) as refused:
        set_up(db, password="short")
    assert refused.value.field == "password"
    assert first_run.needs_set_up(db)
    assert offices.list_offices(db, auth.SYSTEM) == []


def test_set_up_runs_once(db):
    set_up(db)
    with pytest.raises(UserError):
        set_up(db, (OfficeInput("KLS", "Kilis Saha Ofisi", "Kilis"),))
    assert [o.code for o in offices.list_offices(db, auth.SYSTEM)] == ["GAZ"]
