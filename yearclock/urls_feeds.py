"""Language-neutral year-clock endpoints: calendar feeds and the JSON API."""

urlpatterns = []
