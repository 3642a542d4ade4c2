"""sync_versions as a WITHOUT ROWID table on SQLite: a first sync writes one row per pulled
row (hundreds of thousands) at random places of its (entity, row_id) key; a rowid table keeps
them twice (the table and its key's index), this one once. PostgreSQL has no rowid: nothing
changes there.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _rebuild(with_rowid=False)


def downgrade() -> None:
    _rebuild(with_rowid=True)


def _rebuild(*, with_rowid: bool) -> None:
    """The table made again with its rows (SQLite cannot change a table's kind in place)."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.create_table('sync_versions_new',
                    sa.Column('entity', sa.String(length=40), nullable=False),
                    sa.Column('row_id', sa.Uuid(), nullable=False),
                    sa.Column('version', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('entity', 'row_id', name='pk_sync_versions'),
                    sqlite_with_rowid=with_rowid)
    op.execute('INSERT INTO sync_versions_new (entity, row_id, version) '
               'SELECT entity, row_id, version FROM sync_versions')
    op.drop_table('sync_versions')
    op.rename_table('sync_versions_new', 'sync_versions')
