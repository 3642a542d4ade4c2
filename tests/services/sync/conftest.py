"""The sync tests of services: the shared hub and laptops (tests/sync_fixtures.py), with the
suite's demo database being the hub itself, so that the demo's actors and the hub are one.

What the tests compare (`synced_data`: the record data every machine must agree on) is in
machines.py.
"""

import pytest

from shelter_app.data.engine import Database
from sync_fixtures import (  # noqa: F401
    _hub_template,
    _laptop_template,
    gaz,
    http,
    hub,
    hub_url,
    laptop,
    statements,
    token,
    twin_hub,
)


@pytest.fixture
def demo_db(hub: Database) -> Database:  # noqa: F811
    """The suite's demo database is the hub here."""
    return hub
