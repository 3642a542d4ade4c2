"""The Backups page and the automatic backups made while a user works."""
