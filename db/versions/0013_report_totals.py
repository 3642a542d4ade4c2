"""totals kept for the programme report (data.totals): an approved BoQ's total with KDV, a
household's people by band and its disability as columns, labour days per office and day;
filled from the records they sum

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEMBERS = ('female_0_17', 'male_0_17', 'female_18_59', 'male_18_59', 'female_60_plus',
           'male_60_plus', 'unspecified')
INDEXES = {
    # approved BoQs by their newest approved revision, read from the index alone
    'ix_boqs_approved_totals': ('boqs', ['status', 'dwelling_id', 'revision', 'deleted_at',
                                         'decided_at', 'gross_total']),
    # households reached: the first signing of each household's agreements
    'ix_lease_agreements_signings': ('lease_agreements', ['household_id', 'signed_on',
                                                          'deleted_at', 'office_id']),
}

# an approved BoQ's total in kuruş as domain.boq.compute_totals prints it: each line rounded,
# then per KDV rate the contingency and the KDV rounded half up (whole numbers throughout: a
# PostgreSQL SUM of BIGINT is NUMERIC, whose division would not truncate)
_GROSS = """
CREATE TEMPORARY TABLE boq_gross AS
SELECT boq_id, SUM(net + (net * rate + 5000) / 10000) AS kurus FROM (
  SELECT r.boq_id, r.rate, r.base + (r.base * CAST(ROUND(b.contingency_pct * 100) AS BIGINT)
                                     + 5000) / 10000 AS net
  FROM (SELECT l.boq_id, CAST(ROUND(l.kdv_rate * 100) AS BIGINT) AS rate,
               CAST(SUM((CAST(ROUND(l.quantity * 1000) AS BIGINT)
                         * CAST(ROUND(l.unit_price * 100) AS BIGINT) + 500) / 1000)
                    AS BIGINT) AS base
        FROM boq_lines l JOIN boqs b ON b.id = l.boq_id
        WHERE b.status = 'approved' AND l.deleted_at IS NULL
        GROUP BY l.boq_id, CAST(ROUND(l.kdv_rate * 100) AS BIGINT)) r
  JOIN boqs b ON b.id = r.boq_id) n
GROUP BY boq_id
"""


def upgrade() -> None:
    op.add_column('boqs', sa.Column('gross_total', sa.Numeric(14, 2), nullable=True))
    for name in MEMBERS:
        op.add_column('households', sa.Column(f'n_{name}', sa.Integer(), nullable=False,
                                              server_default='0'))
    op.add_column('households', sa.Column('disabled', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.create_table('labour_day_totals',
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.Column('work_date', sa.Date(), nullable=False),
    sa.Column('days', sa.Numeric(12, 1), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                            name=op.f('fk_labour_day_totals_office_id_offices')),
    sa.PrimaryKeyConstraint('office_id', 'work_date', name=op.f('pk_labour_day_totals')))
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)
    bind = op.get_bind()
    bind.exec_driver_sql(_GROSS)
    bind.exec_driver_sql("CREATE INDEX ix_boq_gross ON boq_gross (boq_id)")  # one look-up each
    bind.exec_driver_sql("UPDATE boqs SET gross_total = (SELECT kurus / 100.0 FROM boq_gross "
                         "WHERE boq_gross.boq_id = boqs.id) WHERE status = 'approved'")
    bind.exec_driver_sql("DROP TABLE boq_gross")
    bind.exec_driver_sql(
        "INSERT INTO labour_day_totals (office_id, work_date, days) "
        "SELECT d.office_id, e.work_date, SUM(e.portion) FROM labour_entries e "
        "JOIN dwellings d ON d.id = e.dwelling_id WHERE e.deleted_at IS NULL "
        "GROUP BY d.office_id, e.work_date")
    households = sa.table('households', sa.column('id', sa.Uuid()),
                          sa.column('members', sa.JSON()), sa.column('vulnerabilities', sa.JSON()),
                          *(sa.column(f'n_{name}', sa.Integer()) for name in MEMBERS),
                          sa.column('disabled', sa.Boolean()))
    rows = [{'_id': row.id, 'disabled': 'disability' in (row.vulnerabilities or ()),
             **{f'n_{name}': int((row.members or {}).get(name) or 0) for name in MEMBERS}}
            for row in bind.execute(sa.select(households.c.id, households.c.members,
                                              households.c.vulnerabilities))]
    if rows:
        bind.execute(households.update().where(households.c.id == sa.bindparam('_id'))
                     .values({name: sa.bindparam(name) for name in rows[0] if name != '_id'}),
                     rows)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
    op.drop_table('labour_day_totals')
    with op.batch_alter_table('households') as batch:
        for name in (*(f'n_{name}' for name in MEMBERS), 'disabled'):
            batch.drop_column(name)
    with op.batch_alter_table('boqs') as batch:
        batch.drop_column('gross_total')
