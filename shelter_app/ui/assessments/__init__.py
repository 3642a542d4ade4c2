"""Assessment forms, a dwelling's assessments and the list of all assessments."""
