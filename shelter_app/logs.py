"""Logging to a rotating file in the user log directory, shared by the GUI and the CLI.

The log file is plain text outside the encrypted database, and an exception's message or a
refusal reason can quote what a user typed; so ID numbers, IBANs and mobile numbers are masked
as they are on screen for a role that may not see them (KVKK), whatever logged them."""

import logging
import logging.handlers
import re
from pathlib import Path

from shelter_app.domain.masking import mask_iban, mask_id, mask_phone

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# a Turkish IBAN, grouped or not; an 11-digit TCKN/YKN or a 10-digit tax number standing alone
# (not part of a longer number, a UUID or a hash); a Turkish mobile in its stored form
_IBAN = re.compile(r"(?<![0-9A-Za-z])TR\d{2}(?: ?\d{4}){5} ?\d{2}(?![0-9A-Za-z])", re.IGNORECASE)
_ID = re.compile(r"(?<![0-9A-Za-z-])\d{10,11}(?![0-9A-Za-z-])")
_MOBILE = re.compile(r"\+905\d{9}(?!\d)")


def mask_personal(text: str) -> str:
    """`text` with every ID number, IBAN and mobile number in it masked."""
    text = _IBAN.sub(lambda match: mask_iban(match.group()), text)
    text = _MOBILE.sub(lambda match: mask_phone(match.group()), text)
    return _ID.sub(lambda match: mask_id(match.group()), text)


class MaskingFormatter(logging.Formatter):
    """Masks personal numbers in the whole record, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_personal(super().format(record))


_handler: logging.handlers.RotatingFileHandler | None = None


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send records to `log_dir/shelter_app.log` (1 MB x 5 files); return the file's path.

    Calling it again with another folder moves the log there and closes the old file."""
    global _handler
    path = log_dir / "shelter_app.log"
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None:
        if _handler.baseFilename == str(path.resolve()):
            return path
        root.removeHandler(_handler)
        _handler.close()
    log_dir.mkdir(parents=True, exist_ok=True)
    _handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    _handler.setFormatter(MaskingFormatter(LOG_FORMAT))
    root.addHandler(_handler)
    return path
