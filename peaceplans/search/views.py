from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .engine import search
from .forms import SearchForm
from .scope import Filters


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    results, status = None, 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                filters = Filters(**{k: v for k, v in data.items() if k != "q" and v})
                results = search(
                    data["q"], filters, user=request.user, page=request.GET.get("page", 1)
                )
        else:
            status = 400
    filtered = any(request.GET.get(name) for name in form.fields if name != "q")
    context = {"form": form, "results": results, "filtered": filtered}
    return render(request, "peaceplans/search.html", context, status=status)
