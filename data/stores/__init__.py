"""Where events live: the shipped CSV files, the writable event store and its PostGIS form."""
