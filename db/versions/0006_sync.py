"""sync: outbox, known versions and state on laptops; devices, applied ops, change log and
conflicts on the server

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sync_applied',
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_sync_applied'))
    )
    with op.batch_alter_table('sync_applied', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_applied_device_id'), ['device_id'], unique=False)

    op.create_table('sync_log',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('row', sa.JSON(), nullable=True),
    sa.Column('device_id', sa.Uuid(), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('hlc', sa.String(length=40), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_log'))
    )
    with op.batch_alter_table('sync_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_log_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_log_row_id'), ['row_id'], unique=False)

    op.create_table('sync_outbox',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('hlc', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('op_id', name=op.f('uq_sync_outbox_op_id'))
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_status'), ['status'], unique=False)

    op.create_table('sync_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )
    op.create_table('sync_versions',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'row_id', name=op.f('pk_sync_versions'))
    )
    op.create_table('sync_conflicts',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('base', sa.JSON(), nullable=False),
    sa.Column('ours', sa.JSON(), nullable=False),
    sa.Column('theirs', sa.JSON(), nullable=False),
    sa.Column('ours_user_id', sa.Uuid(), nullable=True),
    sa.Column('ours_device', sa.String(length=80), nullable=True),
    sa.Column('ours_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('theirs_user_id', sa.Uuid(), nullable=True),
    sa.Column('theirs_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('op_id', sa.Uuid(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.Uuid(), nullable=True),
    sa.Column('resolution', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_sync_conflicts_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_office_id'), ['office_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_row_id'), ['row_id'], unique=False)

    op.create_table('sync_devices',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=True),
    sa.Column('mark', sa.String(length=2), nullable=False),
    sa.Column('code_digest', sa.String(length=64), nullable=True),
    sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('token_digest', sa.String(length=64), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], name=op.f('fk_sync_devices_office_id_offices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_devices')),
    sa.UniqueConstraint('code_digest', name=op.f('uq_sync_devices_code_digest')),
    sa.UniqueConstraint('mark', name=op.f('uq_sync_devices_mark')),
    sa.UniqueConstraint('token_digest', name=op.f('uq_sync_devices_token_digest'))
    )


def downgrade() -> None:
    op.drop_table('sync_devices')
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_row_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_office_id'))

    op.drop_table('sync_conflicts')
    op.drop_table('sync_versions')
    op.drop_table('sync_state')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_status'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_row_id'))

    op.drop_table('sync_outbox')
    with op.batch_alter_table('sync_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_log_row_id'))
        batch_op.drop_index(batch_op.f('ix_sync_log_office_id'))

    op.drop_table('sync_log')
    with op.batch_alter_table('sync_applied', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_applied_device_id'))

    op.drop_table('sync_applied')
