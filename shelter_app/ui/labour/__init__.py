"""Cash-for-work screens: the daily log, timesheets and payment batches."""
