"""Cash-for-work: workers, daily labour, timesheets, payment batches and their papers."""
