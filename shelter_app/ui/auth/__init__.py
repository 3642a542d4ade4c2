"""Sign-in, the first administrator, password changes and the idle lock."""
