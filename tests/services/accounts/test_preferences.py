"""Each user's interface language: stored on the user, audited, refused when unknown."""

import pytest
from sqlalchemy import select

from shelter_app.data.models import AuditEvent
from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.accounts.preferences import set_user_language, user_language


def test_a_new_user_starts_in_turkish_and_keeps_the_language_chosen(demo_db, engineer,
                                                                    supervisor):
    assert user_language(demo_db, engineer) == "tr"
    set_user_language(demo_db, engineer, "ar")
    assert user_language(demo_db, engineer) == "ar"
    assert user_language(demo_db, supervisor) == "tr"  # per user, not per machine


def test_the_change_is_in_the_audit_trail(demo_db, engineer):
    set_user_language(demo_db, engineer, "en")
    with demo_db.read() as session:
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == engineer.user_id, AuditEvent.action == "update")).all()
    assert [event.changes["language"] for event in events] == [["tr", "en"]]
    assert events[0].user_id == engineer.user_id


def test_an_unknown_language_is_refused_and_nothing_changes(demo_db, engineer):
    with pytest.raises(ValidationError, match="'de'") as caught:
        set_user_language(demo_db, engineer, "de")
    assert caught.value.field == "language"
    assert user_language(demo_db, engineer) == "tr"


def test_the_command_line_actor_has_no_preferences(demo_db):
    assert user_language(demo_db, SYSTEM) == "tr"
    with pytest.raises(UserError):
        set_user_language(demo_db, SYSTEM, "en")
