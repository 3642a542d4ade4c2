"""reopen_requests: an engineer's reasoned ask to unlock an approved BoQ or timesheet, waiting
for a supervisor who approves (the record is unlocked) or returns it with an answer

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _choice(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=False, length=24)


def upgrade() -> None:
    op.create_table(
        'reopen_requests',
        sa.Column('dwelling_id', sa.Uuid(), nullable=False),
        sa.Column('kind', _choice('boq', 'timesheet', name='reopenkind'), nullable=False),
        sa.Column('boq_id', sa.Uuid(), nullable=True),
        sa.Column('timesheet_id', sa.Uuid(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status', _choice('draft', 'submitted', 'approved', 'returned',
                                    name='approvalstatus'), nullable=False),
        sa.Column('requested_by', sa.Uuid(), nullable=True),
        sa.Column('decided_by', sa.Uuid(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['boq_id'], ['boqs.id'],
                                name=op.f('fk_reopen_requests_boq_id_boqs')),
        sa.ForeignKeyConstraint(['decided_by'], ['users.id'],
                                name=op.f('fk_reopen_requests_decided_by_users')),
        sa.ForeignKeyConstraint(['dwelling_id'], ['dwellings.id'],
                                name=op.f('fk_reopen_requests_dwelling_id_dwellings')),
        sa.ForeignKeyConstraint(['requested_by'], ['users.id'],
                                name=op.f('fk_reopen_requests_requested_by_users')),
        sa.ForeignKeyConstraint(['timesheet_id'], ['timesheets.id'],
                                name=op.f('fk_reopen_requests_timesheet_id_timesheets')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reopen_requests')))
    with op.batch_alter_table('reopen_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reopen_requests_dwelling_id'), ['dwelling_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_reopen_requests_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reopen_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reopen_requests_status'))
        batch_op.drop_index(batch_op.f('ix_reopen_requests_dwelling_id'))
    op.drop_table('reopen_requests')
