"""Reader-facing year-clock URLs (language-prefixed)."""

app_name = "yearclock"
urlpatterns = []
