"""Alembic environment: always run from code (shelter_app.data.migrate) on a given connection."""

from alembic import context

from shelter_app.data.migrate import render_item
from shelter_app.data.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
