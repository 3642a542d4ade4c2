"""Pure rules and calculations: no database, no Qt, nothing else of ours."""
