"""Barınak (shelter_app): case management for shelter rehabilitation programmes."""

__version__ = "0.1.0"
