"""The log file is plain text beside an encrypted database: personal numbers never reach it."""

import logging
from pathlib import Path

import pytest

from shelter_app.domain.iban import format_iban, make_tr_iban
from shelter_app.domain.ids import make_tckn, make_ykn
from shelter_app.logs import configure_logging, mask_personal

IBAN = make_tr_iban("00062", "0000000098765432")
TCKN = make_tckn("123456789")
YKN = make_ykn("1234567")


@pytest.fixture
def log_file(tmp_path: Path):
    path = configure_logging(tmp_path / "logs")
    yield path
    configure_logging(tmp_path / "other")  # closes the file the test wrote


def test_a_crash_quoting_typed_values_leaves_no_id_iban_or_mobile_in_the_log(log_file: Path) -> None:
    log = logging.getLogger("shelter_app.test")
    try:
        raise ValueError(f"landlord {TCKN} has IBAN {format_iban(IBAN)}; call +905321234567")
    except ValueError:
        log.exception("saving the agreement failed for %s / %s", YKN, IBAN.lower())
    logging.getLogger().handlers[-1].flush()
    text = log_file.read_text(encoding="utf-8")
    assert "saving the agreement failed" in text and "ValueError" in text
    for secret in (TCKN, YKN, IBAN, format_iban(IBAN), IBAN.lower(), "5321234567"):
        assert secret not in text
    assert TCKN[:2] + "*" * 7 + TCKN[-2:] in text  # still tells two people apart on the phone


def test_references_uuids_hashes_and_times_are_left_as_they_are() -> None:
    line = ("2026-12-06 02:00:00,123 refused op 0c5e6f1a-1234-4a5b-9c8d-123456789012 for "
            "GAZ-D-000123 (photo 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08), "
            "12 rows, 3500000 bytes")
    assert mask_personal(line) == line
