"""Reading an article: places, their roles, actors, dates and draft events, and their review."""
