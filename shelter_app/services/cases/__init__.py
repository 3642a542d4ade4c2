"""Registering a case and finding its records: dwellings, households, the office scope, the stages, the human references."""
