"""works_checks: the final assessment's works-done checklist, one row per line of the approved
BoQ (done, partly done or not done, with a note)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'works_checks',
        sa.Column('assessment_id', sa.Uuid(), nullable=False),
        sa.Column('boq_line_id', sa.Uuid(), nullable=False),
        sa.Column('outcome', sa.Enum('done', 'partly', 'not_done', name='workdone',
                                     native_enum=False, create_constraint=False, length=24),
                  nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                                name=op.f('fk_works_checks_assessment_id_assessments')),
        sa.ForeignKeyConstraint(['boq_line_id'], ['boq_lines.id'],
                                name=op.f('fk_works_checks_boq_line_id_boq_lines')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_works_checks')),
        sa.UniqueConstraint('assessment_id', 'boq_line_id',
                            name=op.f('uq_works_checks_assessment_id')))
    with op.batch_alter_table('works_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_works_checks_assessment_id'), ['assessment_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('works_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_works_checks_assessment_id'))
    op.drop_table('works_checks')
