"""A real sync server for tests: uvicorn serving the app on a free loopback port, in a thread.

Real HTTP on 127.0.0.1, as a laptop would meet it, started in ~50 ms and stopped at the end
of the block."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from shelter_app.data.engine import Database
from shelter_app.server.app import create_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Database) -> Iterator[str]:
    """Serve `db` (already prepared) and yield its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test sync server did not start")
            threading.Event().wait(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
