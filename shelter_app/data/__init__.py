"""SQLAlchemy models, engine and session setup, and the migration runner."""
