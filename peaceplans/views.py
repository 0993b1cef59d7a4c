from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "peaceplans/home.html", {})


def _todo(*args, **kwargs):  # replaced by the reader views
    from django.http import Http404

    raise Http404


party_detail = plan_detail = draft_detail = clause_detail = clause_version_detail = _todo
