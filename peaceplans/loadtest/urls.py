from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from peaceplans import services
from peaceplans.models import ClauseVersion
from peaceplans.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    """No query, no template: what the stack costs before any page does work."""
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def edit(request: HttpRequest, plan: str, draft: str, label: str) -> HttpResponse:
    """A correction through the services, so scripts/scaleout can edit on one app server and
    read on another. Load-test settings only: there is no such URL in the real site."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = get_object_or_404(
        ClauseVersion.objects.select_related("draft"),
        draft__plan__slug=plan,
        draft__slug=draft,
        label=label,
    )
    services.clause_version_correct(
        version, user=None, reason="scale-out check", text=request.POST["text"]
    )
    return HttpResponse("saved", content_type="text/plain")


urlpatterns = [
    path("__bare__/", bare, name="bare"),
    path("__edit__/<slug:plan>/<slug:draft>/<str:label>/", edit, name="edit"),
    *site,
]
