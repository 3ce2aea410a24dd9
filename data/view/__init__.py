"""What the page shows: filters, the shareable view, playback, stories, changes and aggregates."""
