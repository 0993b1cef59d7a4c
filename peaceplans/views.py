"""Thin views: parse the request, call one selector, render one template."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from . import selectors


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "peaceplans/home.html", {"plans": selectors.home_page(request.user)})


def plan_detail(request: HttpRequest, plan: str) -> HttpResponse:
    return render(
        request, "peaceplans/plan.html", {"page": selectors.plan_page(plan, request.user)}
    )


def draft_detail(request: HttpRequest, plan: str, draft: str) -> HttpResponse:
    return render(
        request, "peaceplans/draft.html", {"page": selectors.draft_page(plan, draft, request.user)}
    )


def draft_history(request: HttpRequest, plan: str, draft: str) -> HttpResponse:
    page = selectors.draft_history_page(plan, draft, request.user)
    return render(request, "peaceplans/draft_history.html", {"page": page})


def compare(request: HttpRequest, plan: str, spec: str) -> HttpResponse:
    try:
        left, right = selectors.parse_compare_spec(spec)
    except ValueError:
        return _bad_request(request, "Compare two drafts as <first>...<second>.")
    page = selectors.compare_page(plan, left, right, request.user)
    hide_unchanged = request.GET.get("changes") == "only"
    return render(
        request, "peaceplans/compare.html", {"page": page, "hide_unchanged": hide_unchanged}
    )


def compare_picker(request: HttpRequest, plan: str) -> HttpResponse:
    """The draft picker's GET form lands here and is redirected to the canonical URL."""
    left, right = request.GET.get("left", ""), request.GET.get("right", "")
    if not left or not right:
        return _bad_request(request, "Choose two drafts to compare.")
    url = reverse("compare", kwargs={"plan": plan, "spec": f"{left}...{right}"})
    if request.GET.get("changes") == "only":
        url += "?changes=only"
    return redirect(url)


def clause_detail(request: HttpRequest, plan: str, clause: str) -> HttpResponse:
    return render(
        request,
        "peaceplans/clause.html",
        {"page": selectors.clause_page(plan, clause, request.user)},
    )


def _version_or_redirect(request, plan: str, draft: str, label: str, view: str, **extra):
    found = selectors.find_clause_version(plan, draft, label, request.user)
    if isinstance(found, str):  # renamed since the link was made: follow it
        kwargs = {"plan": plan, "draft": draft, "label": found, **extra}
        return None, redirect(reverse(view, kwargs=kwargs), permanent=True)
    return found, None


def clause_version_detail(request: HttpRequest, plan: str, draft: str, label: str) -> HttpResponse:
    version, moved = _version_or_redirect(request, plan, draft, label, "clause_version")
    if moved:
        return moved
    page = selectors.clause_version_page(version, request.user)
    url = request.build_absolute_uri(version.get_absolute_url())
    return render(
        request,
        "peaceplans/clause_version.html",
        {"page": page, "permalink": url, "retrieved": date.today()},
    )


def clause_revision(
    request: HttpRequest, plan: str, draft: str, label: str, number: int
) -> HttpResponse:
    version, moved = _version_or_redirect(
        request, plan, draft, label, "clause_revision", number=number
    )
    if moved:
        return moved
    page = selectors.revision_page(version, number, request.GET.get("against"))
    return render(request, "peaceplans/revision.html", {"page": page})


def party_detail(request: HttpRequest, party: str) -> HttpResponse:
    return render(
        request, "peaceplans/party.html", {"page": selectors.party_page(party, request.user)}
    )
