"""The sync server: an ASGI application over services.sync."""
