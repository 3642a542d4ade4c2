"""lease_agreements.open_visit_due (data.totals): the due day of each agreement's earliest
monitoring visit neither made nor deleted, filled from its visits; indexes for the report's
agreements counted on a day and the visits made after a day

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    'ix_lease_agreements_kinds': ('lease_agreements', ['status', 'deleted_at', 'office_id',
                                                       'start_date', 'end_date',
                                                       'open_visit_due', 'id']),
    'ix_monitoring_visits_made': ('monitoring_visits', ['visited_on', 'deleted_at', 'due_on',
                                                        'agreement_id']),
}


def upgrade() -> None:
    op.add_column('lease_agreements', sa.Column('open_visit_due', sa.Date(), nullable=True))
    op.execute('UPDATE lease_agreements SET open_visit_due = (SELECT MIN(v.due_on) '
               'FROM monitoring_visits v WHERE v.agreement_id = lease_agreements.id '
               'AND v.visited_on IS NULL AND v.deleted_at IS NULL)')
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
    # SQLite's own DROP COLUMN (3.35+): a batch copy would break the table's references
    op.execute('ALTER TABLE lease_agreements DROP COLUMN open_visit_due')
