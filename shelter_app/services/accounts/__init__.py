"""Users, sign-in and permissions, preferences, policy settings, the audit trail."""
