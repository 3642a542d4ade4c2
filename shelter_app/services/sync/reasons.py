"""Why the server refused an op or found it in conflict, kept so that each reader sees it in
their own language: the sentence's key (`i18n.Translated.key`: source text and values) travels
beside the server's own wording and is kept as JSON text in the reason columns (the server's
`sync_applied`, the laptop's outbox); a plain sentence, as an older server sends, is kept and
shown as it is.
"""

import json
from typing import Any

from shelter_app.domain.i18n import Translated, rendered


def key_of(reason: str | None) -> dict[str, Any] | None:
    """The key a reason travels with (None for a plain sentence)."""
    return reason.key if isinstance(reason, Translated) else None


def stored(reason: str | None, key: Any = None) -> str | None:
    """What a reason column keeps: the key as JSON when there is a readable one (`key`, else
    the reason's own), else the sentence."""
    key = key if key is not None else key_of(reason)
    if isinstance(key, dict) and _readable(key):
        return json.dumps(key, ensure_ascii=False)
    return reason


def said(kept: str | None) -> str | None:
    """A kept reason in this user's language."""
    if not kept or not kept.startswith("{"):
        return kept
    try:
        key = json.loads(kept)
    except ValueError:
        return kept
    return rendered(key) if isinstance(key, dict) and _readable(key) else kept


def _readable(key: dict[str, Any]) -> bool:
    try:
        rendered(key)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True
