"""Opening a database server (PostgreSQL): one clear line for each way it fails.

The driver may not be installed, the server may not answer, it may refuse the user name or
password, or hold no database of that name. Each is said in one translated line instead of a
driver traceback; anything else keeps the driver's own first line as the reason.
"""

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, NoSuchModuleError

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate


class ServerUnavailable(UserError):
    """The database server cannot be used as given; the message says why."""


def open_server(url: URL) -> Database:
    """A Database on a server, connected once, so that a wrong address, user, password or
    database name is refused here rather than at the first query."""
    try:
        db = Database(url)
    except (ImportError, NoSuchModuleError) as error:
        raise ServerUnavailable(translate(
            "database", "The database driver for {scheme} is not installed ({reason}); use "
                        "postgresql+psycopg://USER:PASSWORD@HOST/NAME.").format(
            scheme=url.drivername, reason=_first_line(error))) from None
    try:
        with db.engine.connect():
            pass
    except DBAPIError as error:
        db.dispose()
        raise connection_refused(db.display_name, url, error) from None
    return db


def connection_refused(name: str, url: URL, error: DBAPIError) -> ServerUnavailable:
    """Why the server did not let us in, from the driver's message (libpq gives no SQLSTATE
    for a failed connection). A message from the server itself starts with FATAL; without it,
    the server was never reached."""
    reason = _first_line(error.orig if error.orig is not None else error)
    lowered = reason.lower()
    if "fatal" not in lowered:
        message = translate("database", "Cannot reach the database server of {name} ({reason}); "
                                        "check the host and port, and that the server runs.")
    elif "authentication" in lowered or "password" in lowered:
        message = translate("database", "The database server refused the user name or password "
                                        "of {name}; check them.")
    elif 'database "' in lowered and "does not exist" in lowered:
        message = translate("database", "The database server of {name} has no database named "
                                        "{database}; check the name, or create it (createdb).")
    else:
        message = translate("database", "Cannot open {name}: {reason}.")
    return ServerUnavailable(message.format(name=name, reason=reason, database=url.database))


def _first_line(error: BaseException) -> str:
    """The first line of the driver's message (libpq adds hints on further lines), without
    its "connection failed:" prefix."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()] or [""]
    return " ".join(lines[0].split()).removeprefix("connection failed: ").rstrip(".")
