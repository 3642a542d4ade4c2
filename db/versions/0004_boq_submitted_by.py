"""boqs.submitted_by: who handed the BoQ in, so that someone else approves it

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('boqs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_boqs_submitted_by_users'), 'users',
                                    ['submitted_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('boqs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_boqs_submitted_by_users'), type_='foreignkey')
        batch_op.drop_column('submitted_by')
