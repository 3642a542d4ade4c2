"""external keys: the Kobo _uuid of imported records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'external_keys',
        sa.Column('system', sa.String(length=20), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('entity_id', sa.Uuid(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_external_keys')),
        sa.UniqueConstraint('system', 'entity', 'key', name=op.f('uq_external_keys_system')),
    )
    with op.batch_alter_table('external_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_keys_entity_id'), ['entity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('external_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_external_keys_entity_id'))
    op.drop_table('external_keys')
