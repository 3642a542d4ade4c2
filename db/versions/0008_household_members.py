"""household_members: each person of a household, with the name in Latin and in Arabic script,
sex, birth date (or one estimated from an age), relation to the head and ID number, so a
cash-for-work worker is picked from the household rather than typed again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'household_members',
        sa.Column('household_id', sa.Uuid(), nullable=False),
        sa.Column('latin_name', sa.String(length=160), nullable=False),
        sa.Column('arabic_name', sa.String(length=160), nullable=True),
        sa.Column('sex', sa.String(length=8), nullable=False),
        sa.Column('birth_date', sa.Date(), nullable=False),
        sa.Column('birth_date_estimated', sa.Boolean(), nullable=False),
        sa.Column('relation', sa.String(length=16), nullable=False),
        sa.Column('id_number', sa.String(length=11), nullable=True),
        sa.Column('search_key', sa.String(length=400), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                name=op.f('fk_household_members_household_id_households')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_household_members')))
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_members_household_id'), ['household_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_household_members_id_number'), ['id_number'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_members_id_number'))
        batch_op.drop_index(batch_op.f('ix_household_members_household_id'))
    op.drop_table('household_members')
