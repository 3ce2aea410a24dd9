"""Validation of incoming rows: per cell, the fast vectorised pass, its cache and country checks."""
