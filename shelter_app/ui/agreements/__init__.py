"""Landlord agreements: the list with the day's reminders, one agreement's window, its forms."""
