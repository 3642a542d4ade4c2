"""The HTTP client a laptop talks to its sync server with, for every front end (the command
line and the GUI) alike: the address is checked once, here."""

from typing import Any

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

TIMEOUT_S = 120.0  # a page of changes on a slow line
CONNECT_TIMEOUT_S = 10.0  # an unreachable server is reported without a two-minute wait


def http_client(url: str) -> Any:
    """An httpx.Client for the server at `url` (https://HOST or http://HOST:PORT)."""
    import httpx

    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise UserError(translate("sync", "{url} is not a server address; write "
                                          "https://HOST or http://HOST:PORT.").format(url=url),
                        field="server_url")
    return httpx.Client(base_url=url.rstrip("/"),
                        timeout=httpx.Timeout(TIMEOUT_S, connect=CONNECT_TIMEOUT_S))
