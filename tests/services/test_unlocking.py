"""Unlocking at start reads the key file alone: the database layer is not loaded for it."""

import subprocess
import sys

import pytest

from encrypted_laptop import PASSWORD, make_laptop

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")

# The unlock dialog's module and the unlocking as the start does them, in a fresh process.
_UNLOCK = """
import sys
import shelter_app.ui.auth.encryption
from shelter_app.services import unlocking
assert unlocking.unlock(sys.argv[1], "ayse.admin", sys.argv[2]) == bytes.fromhex(sys.argv[3])
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"
             or m.startswith(("shelter_app.data.models", "shelter_app.services.encryption"))))
"""


def test_unlocking_loads_neither_sqlalchemy_nor_the_models(tmp_path) -> None:
    """About a second of CPU: loaded after the first rows, not before the password check."""
    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    out = subprocess.run([sys.executable, "-c", _UNLOCK, str(path), PASSWORD, key.hex()],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    assert out.strip() == "[]"
