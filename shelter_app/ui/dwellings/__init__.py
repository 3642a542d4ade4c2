"""The dwellings list and the dwelling file."""
