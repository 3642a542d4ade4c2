"""One contract's PDF written to its file: the job of a worker process of a contract batch.

It imports the documents layer and the atomic write only (~0.4 s for a spawned process, where
the service modules with the database layers take ~1.4 s), and answers in plain values: the
worker has no translator installed, so the parent words any refusal in the user's language.
"""

from pathlib import Path

from shelter_app.documents.contract import render_contract
from shelter_app.documents.contract_values import ContractDocument
from shelter_app.services.atomic import write_atomically


def write_contract(document: ContractDocument, target: Path, durable: bool = True
                   ) -> str | None:
    """Render and write `document` as `target` (complete or not at all): None once written,
    else the system's reason why the file could not be written."""
    data = render_contract(document)
    try:
        write_atomically(target, data, durable=durable)
    except OSError as error:
        return str(error.strerror or error)
    return None


def write_contracts(jobs: list[tuple[ContractDocument, Path, bool]]) -> list[str | None]:
    """`write_contract` of each job, in order: a worker is handed a few at once."""
    return [write_contract(*job) for job in jobs]
