"""The kinds of record an import creates, by their --kind name."""

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.imports.kinds.assessments import Assessments
from shelter_app.services.imports.kinds.base import Kind
from shelter_app.services.imports.kinds.cases import Cases
from shelter_app.services.imports.kinds.dwellings import Dwellings
from shelter_app.services.imports.kinds.households import Households
from shelter_app.services.imports.kinds.landlords import Landlords
from shelter_app.services.imports.kinds.workers import Workers

KINDS: dict[str, type[Kind]] = {kind.name: kind for kind in (
    Households, Dwellings, Landlords, Workers, Assessments, Cases)}


def kind_named(name: str) -> Kind:
    """A fresh kind (it holds the lookups of one import)."""
    try:
        return KINDS[name]()
    except KeyError:
        raise UserError(translate("imports", "Cannot import '{name}'; choose one of {kinds}."
                                  ).format(name=name, kinds=", ".join(KINDS)),
                        field="kind") from None
