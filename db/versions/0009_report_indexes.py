"""indexes for the programme report: cases per office and stage, BoQ totals per KDV rate and
labour days per day, each read from its index alone (benchmarks/dashboard.py)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    'ix_dwellings_office_stage': ('dwellings', ['office_id', 'stage', 'deleted_at', 'created_at',
                                                'household_id']),
    'ix_boq_lines_totals': ('boq_lines', ['boq_id', 'kdv_rate', 'quantity', 'unit_price',
                                          'deleted_at']),
    'ix_labour_entries_day_portion': ('labour_entries', ['work_date', 'portion', 'deleted_at',
                                                         'dwelling_id']),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
