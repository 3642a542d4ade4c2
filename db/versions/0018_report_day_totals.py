"""the programme report's approved BoQ value and households reached kept per office and day
(data.totals): boqs.approved_on (the day of approval in Türkiye's calendar), boq_value_totals
and reach_totals, filled from the records they sum

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from collections.abc import Sequence
from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEMBERS = ('n_female_0_17', 'n_male_0_17', 'n_female_18_59', 'n_male_18_59',
           'n_female_60_plus', 'n_male_60_plus', 'n_unspecified')
TURKIYE = ZoneInfo('Europe/Istanbul')  # domain.clock.CALENDAR_ZONE

# each case's newest approved revision of a live case, summed per office and day in kuruş
_BOQ_VALUES = """
INSERT INTO boq_value_totals (office_id, approved_on, boqs, value)
SELECT d.office_id, b.approved_on, COUNT(*),
       SUM(CAST(ROUND(b.gross_total * 100) AS BIGINT)) / 100.0
FROM boqs b JOIN dwellings d ON d.id = b.dwelling_id
WHERE b.status = 'approved' AND b.deleted_at IS NULL AND d.deleted_at IS NULL
  AND b.approved_on IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM boqs l WHERE l.dwelling_id = b.dwelling_id
                  AND l.status = 'approved' AND l.revision > b.revision
                  AND l.deleted_at IS NULL)
GROUP BY d.office_id, b.approved_on
"""
# live households by the first signing of their agreements with each office
_REACH = f"""
INSERT INTO reach_totals (office_id, reached_on, nationality, disabled, households,
                          {', '.join(MEMBERS)})
SELECT r.office_id, r.reached_on, h.nationality, h.disabled, COUNT(*),
       {', '.join(f'SUM(h.{name})' for name in MEMBERS)}
FROM households h JOIN (
  SELECT household_id, office_id, MIN(signed_on) AS reached_on FROM lease_agreements
  WHERE deleted_at IS NULL AND signed_on IS NOT NULL GROUP BY household_id, office_id) r
  ON r.household_id = h.id
WHERE h.deleted_at IS NULL
GROUP BY r.office_id, r.reached_on, h.nationality, h.disabled
"""


def upgrade() -> None:
    op.add_column('boqs', sa.Column('approved_on', sa.Date(), nullable=True))
    op.create_index('ix_boqs_approved_on', 'boqs', ['approved_on'], unique=False)
    op.create_index('ix_lease_agreements_office_signings', 'lease_agreements',
                    ['office_id', 'signed_on', 'household_id', 'deleted_at'], unique=False)
    op.create_table('boq_value_totals',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('boqs', sa.Integer(), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                            name=op.f('fk_boq_value_totals_office_id_offices')),
    sa.PrimaryKeyConstraint('office_id', 'approved_on', name=op.f('pk_boq_value_totals')))
    op.create_table('reach_totals',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('reached_on', sa.Date(), nullable=False),
    sa.Column('nationality', sa.String(length=60), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=False),
    *(sa.Column(name, sa.Integer(), nullable=False) for name in MEMBERS),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                            name=op.f('fk_reach_totals_office_id_offices')),
    sa.PrimaryKeyConstraint('office_id', 'reached_on', 'nationality', 'disabled',
                            name=op.f('pk_reach_totals')))
    bind = op.get_bind()
    boqs = sa.table('boqs', sa.column('id', sa.Uuid()), sa.column('status', sa.String()),
                    sa.column('decided_at', sa.DateTime(timezone=True)),
                    sa.column('approved_on', sa.Date()))
    rows = [{'_id': row.id, 'approved_on': (
        row.decided_at if row.decided_at.tzinfo else row.decided_at.replace(tzinfo=UTC))
        .astimezone(TURKIYE).date()}
        for row in bind.execute(sa.select(boqs.c.id, boqs.c.decided_at).where(
            boqs.c.status == 'approved', boqs.c.decided_at.is_not(None)))]
    if rows:
        bind.execute(boqs.update().where(boqs.c.id == sa.bindparam('_id'))
                     .values(approved_on=sa.bindparam('approved_on')), rows)
    bind.exec_driver_sql(_BOQ_VALUES)
    bind.exec_driver_sql(_REACH)


def downgrade() -> None:
    op.drop_table('reach_totals')
    op.drop_table('boq_value_totals')
    op.drop_index('ix_lease_agreements_office_signings', table_name='lease_agreements')
    op.drop_index('ix_boqs_approved_on', table_name='boqs')
    # SQLite's own DROP COLUMN (3.35+): a batch copy of boqs would break its references
    op.execute('ALTER TABLE boqs DROP COLUMN approved_on')
