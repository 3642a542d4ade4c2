"""Find bundled files (resources/, db/) in a checkout, an installed wheel and a frozen build.

A checkout and an editable install keep them beside the package; a wheel ships them inside the
package as `shelter_app/_bundled/`; PyInstaller unpacks them under `sys._MEIPASS`.
"""

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _roots() -> tuple[Path, ...]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent)
    return tuple(roots)


def find(top: str, *parts: str) -> Path:
    """Return the path of `top/parts...` (top is "resources" or "db"); raise if missing."""
    for root in _roots():
        candidate = root.joinpath(top, *parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"bundled file not found: {'/'.join((top, *parts))}")


def resource(*parts: str) -> Path:
    return find("resources", *parts)


def db_dir() -> Path:
    return find("db")
