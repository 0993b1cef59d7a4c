from functools import wraps

from django.http import JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from .conditional import with_validators
from .endpoints import api


def read_only(view):
    """GET and HEAD only (ninja answers neither HEAD nor other methods in JSON)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse(
                {"detail": "The API is read-only: use GET.", "errors": []}, status=405
            )
            response["Allow"] = "GET, HEAD"
            return response
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
            response.content = b""
        return response

    return wrapped


def _wrap(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = read_only(with_validators(pattern.callback))
    return patterns


def index(request):
    """The API's front door: where its lists and its documentation are."""
    base = request.build_absolute_uri("/api/v1/")
    links = ("plans", "positions", "sources", "parties", "docs", "openapi.json")
    return JsonResponse({name.removesuffix(".json"): base + name for name in links})


def not_found(request, rest=""):
    return JsonResponse({"detail": "No such API endpoint", "errors": []}, status=404)


patterns, app_name, namespace = api.urls
urlpatterns = [
    path(
        "", read_only(with_validators(index)), name="api-root"
    ),  # the name ninja reverses for its root
    # ninja's own root view answers 404 in HTML: ours above replaces it.
    *_wrap([pattern for pattern in patterns if str(pattern.pattern) != ""]),
    re_path(r"^(?P<rest>.*)$", read_only(with_validators(not_found)), name="not-found"),
]
