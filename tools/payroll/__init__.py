"""Payroll integration: concept mappings, the payroll product's client, scheduled posts."""
