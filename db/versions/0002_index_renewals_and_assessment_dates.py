"""index renewals and assessment dates and scores

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_assessed_on'), ['assessed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_priority_score'), ['priority_score'], unique=False)

    with op.batch_alter_table('lease_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lease_agreements_renewal_of_id'), ['renewal_of_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('lease_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lease_agreements_renewal_of_id'))

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_priority_score'))
        batch_op.drop_index(batch_op.f('ix_assessments_assessed_on'))

