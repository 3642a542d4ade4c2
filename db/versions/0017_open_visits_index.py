"""index of the monitoring visits still open (not made, not deleted) by agreement and due day:
the Agreements page's overdue visits read from it alone, not from every past visit

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = 'visited_on IS NULL AND deleted_at IS NULL'


def upgrade() -> None:
    op.create_index('ix_monitoring_visits_open', 'monitoring_visits', ['agreement_id', 'due_on'],
                    unique=False, sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index('ix_monitoring_visits_open', table_name='monitoring_visits')
