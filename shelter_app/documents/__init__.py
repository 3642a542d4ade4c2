"""Printed documents (ReportLab); they take plain values, never ORM objects or a session."""
