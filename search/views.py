from django.shortcuts import render


def search(request):
    # Placeholder until the search engine lands (issue 4).
    return render(request, "search/search.html", {"search_query": request.GET.get("q", "")[:200]})
