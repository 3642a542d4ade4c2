"""Screens of the accounts area: users, offices, the signed-in user's settings."""
