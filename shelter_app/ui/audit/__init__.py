"""The audit trail screen and a record's history."""
