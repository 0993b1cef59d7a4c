"""Refuse input no page can use before it reaches a view or the database."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        # The API's own error shape (peaceplans/api/endpoints.py).
        return JsonResponse({"detail": message, "errors": []}, status=400)
    return HttpResponseBadRequest(message)


class RejectNulMiddleware:
    """A NUL character in the path, the query or a form is never meaningful here, and PostgreSQL
    refuses it in text: answer 400 rather than let a filter or a save fail with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET):
            return _bad_request(request, "Requests may not contain NUL characters.")
        if (
            request.method == "POST"
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
            and _has_nul(request.POST)
        ):
            return _bad_request(request, "Forms may not contain NUL characters.")
        return self.get_response(request)
