"""Sync on the laptop: the Sync page, the status-bar indicator, background sync, and the
conflicts screen for supervisors."""
