"""Registering and editing households, landlords and dwellings."""
