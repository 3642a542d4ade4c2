"""a payment batch's timesheets and their days read from indexes alone: timesheets by
(payment_batch_id, id) and labour_entries by (timesheet_id, deleted_at, worker_id, portion,
work_date), each in place of the one-column index it extends.

The sum of a month's batch (25,000 timesheets, 100,000 days) read each timesheet row for its id
and each day's row for its portion and worker: ~100 ms of CPU on SQLite, 22-26 ms from these
indexes, and the payment list's lines per worker likewise. The link's outbox ops and audit
events read the ids from the first, in id order (their numbering needs no sort): -25 and -10
ms. The UPDATE that links the timesheets pays +50-90 ms (it moves each one's entry of the
first index, in id order, not in the order it visits them): ~60 ms less a batch in all.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAYS = ['timesheet_id', 'deleted_at', 'worker_id', 'portion', 'work_date']


def upgrade() -> None:
    op.drop_index('ix_timesheets_payment_batch_id', table_name='timesheets')
    op.create_index('ix_timesheets_payment_batch_ids', 'timesheets', ['payment_batch_id', 'id'])
    op.drop_index('ix_labour_entries_timesheet_id', table_name='labour_entries')
    op.create_index('ix_labour_entries_timesheet_days', 'labour_entries', DAYS)


def downgrade() -> None:
    op.drop_index('ix_labour_entries_timesheet_days', table_name='labour_entries')
    op.create_index('ix_labour_entries_timesheet_id', 'labour_entries', ['timesheet_id'])
    op.drop_index('ix_timesheets_payment_batch_ids', table_name='timesheets')
    op.create_index('ix_timesheets_payment_batch_id', 'timesheets', ['payment_batch_id'])
