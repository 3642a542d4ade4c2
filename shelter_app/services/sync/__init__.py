"""Sync between laptops and the server: the server's side (devices, applying pushed ops,
serving pulls) and the laptop's (enrolment, push, pull, status, conflicts). Plain Python: the
ASGI app (shelter_app.server) and the GUI only carry messages to and from these functions."""
