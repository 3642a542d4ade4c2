"""indexes for the programme report's joins (benchmarks/dashboard.py): dwellings by id with
their office, households by id with their people, agreements by office and status with their
dates, visits by due day; each join read from an index, not from the wide rows

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    'ix_dwellings_report': ('dwellings', ['id', 'deleted_at', 'office_id']),
    'ix_households_reach': ('households', ['id', 'deleted_at', 'nationality', 'disabled',
                                           'n_female_0_17', 'n_male_0_17', 'n_female_18_59',
                                           'n_male_18_59', 'n_female_60_plus', 'n_male_60_plus',
                                           'n_unspecified']),
    'ix_lease_agreements_counts': ('lease_agreements', ['office_id', 'deleted_at', 'status',
                                                        'start_date', 'end_date', 'id']),
    'ix_monitoring_visits_due': ('monitoring_visits', ['due_on', 'deleted_at', 'visited_on',
                                                       'agreement_id']),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
