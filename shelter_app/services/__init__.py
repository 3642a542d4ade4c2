"""One module per area, one function per user action; each owns its transaction."""
