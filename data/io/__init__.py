"""Importing and exporting event files: read a file, map its format, run the import, write CSV."""
