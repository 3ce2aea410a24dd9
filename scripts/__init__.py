"""Data-derivation and set-up scripts (importable so tests can check their output)."""
