"""Reader-facing year-clock pages (the calendar feeds live in yearclock.views_feeds)."""
