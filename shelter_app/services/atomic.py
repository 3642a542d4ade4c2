"""Files that are whole or absent: written aside, then renamed over the target.

A module of its own, importing nothing of ours, so a worker process that only writes documents
(services.agreements.contract_files) starts without the database layers.
"""

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write under a unique temporary name in the same folder, then rename: `path` only ever
    holds complete content, and two processes writing the same name cannot mix their bytes.
    `durable` flushes the bytes to disk before the rename (the caller flushes the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
