"""Year-clock views: reader pages, calendar feeds, the JSON API (queries: yearclock.selectors)."""
