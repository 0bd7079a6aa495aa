"""Language-neutral year-clock endpoints: calendar feeds and the JSON API.

/feeds/<year-clock-slug>.ics?lang=sv&role=rehtori&school=...&category=...
/feeds/personal/<token>.ics
/api/v1/occurrences?start=...&end=...   (yearclock/views/api.py)
"""

from django.urls import path

from yearclock.views import api, feeds

app_name = "yearclock_feeds"

urlpatterns = [
    path("feeds/personal/<str:token>.ics", feeds.personal_feed, name="personal"),
    path("feeds/<slug:slug>.ics", feeds.public_feed, name="public"),
    path("api/v1/occurrences", api.occurrences, name="api_occurrences"),
]
