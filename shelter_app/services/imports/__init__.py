"""Importing registers from CSV, Excel and KoboToolbox/ODK exports (issue #9)."""
