"""Assessing a dwelling and the list of assessments."""
