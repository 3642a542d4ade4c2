"""Landlords, landlord agreements, monitoring visits, and the contract on paper."""
