"""Each user's own preferences; for now the interface language, kept in User.language."""

from shelter_app.data.engine import Database
from shelter_app.data.models import User
from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.domain.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from shelter_app.services.accounts.auth import Actor


def user_language(db: Database, actor: Actor) -> str:
    """The language `actor` chose; the default for accounts without a user row or a valid one."""
    if actor.user_id is None:
        return DEFAULT_LANGUAGE
    with db.read() as session:
        user = session.get(User, actor.user_id)
        code = user.language if user is not None else None
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_user_language(db: Database, actor: Actor, code: str) -> None:
    """Remember `code` as `actor`'s interface language (audited like any other change)."""
    if code not in LANGUAGES:
        raise ValidationError(
            translate("preferences", "'{code}' is not an interface language; choose one of "
                                     "{choices}.").format(code=code, choices=", ".join(LANGUAGES)),
            field="language")
    if actor.user_id is None:
        raise UserError(translate("preferences", "This account has no preferences to keep."))
    with db.write(actor) as session:
        user = session.get(User, actor.user_id)
        if user is None:
            raise UserError(translate("preferences", "This account has no preferences to keep."))
        if user.language != code:
            user.language = code
