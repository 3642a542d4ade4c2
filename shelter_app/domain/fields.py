"""Typed text fields: trimmed, required where the record cannot do without, within the
column's width, so that a too-long name is a message at its field rather than a database error."""

from datetime import date

from shelter_app.domain import clock
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import date_text, translate


def text(raw: str | None, *, field: str, label: str, most: int, required: bool = True,
         lines: bool = False) -> str | None:
    """`raw` without surrounding or repeated spaces; None when empty and not required.
    `lines`: a multi-line text (notes) keeps its line breaks, each line trimmed."""
    if lines:
        kept = [" ".join(line.split()) for line in (raw or "").strip().splitlines()]
        value = "\n".join(kept).strip()
    else:
        value = " ".join((raw or "").split())
    if not value:
        if required:
            raise ValidationError(
                translate("fields", "Enter the {label}.").format(label=label), field=field)
        return None
    if len(value) > most:
        raise ValidationError(
            translate("fields", "The {label} is too long: %n characters, at most {most}.", "",
                      len(value)).format(label=label, most=most), field=field)
    return value


def past_date(value: date | None, *, field: str, label: str, today: date | None = None,
              earliest: date = date(2000, 1, 1)) -> date:
    """A day that has happened: not empty, not in the future, not before `earliest`."""
    today = today or clock.today()
    if value is None:
        raise ValidationError(translate("fields", "Enter the {label}.").format(label=label),
                              field=field)
    if value > today:
        raise ValidationError(
            translate("fields", "The {label} {day} is in the future; enter the day it "
                                "happened.").format(label=label, day=date_text(value)),
            field=field)
    if value < earliest:
        raise ValidationError(
            translate("fields", "The {label} {day} is before {earliest}; check the year."
                      ).format(label=label, day=date_text(value),
                               earliest=date_text(earliest)),
            field=field)
    return value
