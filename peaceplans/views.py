"""Thin views: parse the request, call one selector, render one template."""

import re
from datetime import date
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control

from . import selectors
from .models import Stance, Topic
from .vocabulary import legend

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return redirect(static("favicon.ico"), permanent=True)


def home(request: HttpRequest) -> HttpResponse:
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    page = selectors.home_page(request.user, page=number)
    return render(request, "peaceplans/home.html", {"page": page})


def _page_number(request: HttpRequest) -> int | None:
    """?page=N of a long list; None (a 400) for anything but a small positive number."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and len(raw) <= 6 else None


def plan_detail(request: HttpRequest, plan: str) -> HttpResponse:
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    try:
        chosen = selectors.parse_matrix_filter(request.GET)
    except ValueError:
        return _bad_request(request, "Filter the clauses by a listed party, stance or topic.")
    page = selectors.plan_page(plan, request.user, chosen, page=number)
    context = {
        "page": page,
        "stances": Stance.choices,
        "topics": Topic.choices,
        "legend": legend(),
    }
    return render(request, "peaceplans/plan.html", context)


def draft_detail(request: HttpRequest, plan: str, draft: str) -> HttpResponse:
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    page = selectors.draft_page(plan, draft, request.user, page=number)
    return render(request, "peaceplans/draft.html", {"page": page})


def draft_history(request: HttpRequest, plan: str, draft: str) -> HttpResponse:
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    page = selectors.draft_history_page(plan, draft, request.user, page=number)
    return render(request, "peaceplans/draft_history.html", {"page": page})


COMPARE_VIEWS = {"": "redline", "redline": "redline", "side": "side"}


def compare(request: HttpRequest, plan: str, spec: str) -> HttpResponse:
    try:
        left, right = selectors.parse_compare_spec(spec)
    except ValueError:
        return _bad_request(request, "Compare two drafts as <first>...<second>.")
    try:
        shown = selectors.parse_compare_kinds(
            request.GET.getlist("show"), changes_only=request.GET.get("changes") == "only"
        )
    except ValueError:
        return _bad_request(request, "Show only kinds of change listed on the page.")
    # One column with deletions struck through (the default; ?view=redline in older links), or
    # the two drafts side by side (?view=side).
    view = COMPARE_VIEWS.get(request.GET.get("view", ""))
    if view is None:
        return _bad_request(request, "View a comparison as redline or side by side.")
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    # The rows shown (?show=) and the view stay in every link the page makes; the page number
    # is set per link.
    kept = [("show", kind) for kind in sorted(shown)]
    side = [("view", "side")] if view == "side" else []
    # A row on another page: this prefix, its page number, then its #anchor.
    page_link = "?" + urlencode([*kept, *side, ("page", "")])
    page = selectors.compare_page(
        plan, left, right, request.user, shown, page=number, page_link=page_link
    )
    context = {
        "page": page,
        "legend": legend(),
        "url": request.build_absolute_uri(),
        "retrieved": date.today(),
        "redline": view == "redline",
        "query_without_view": urlencode(kept),
        "query_with_side": urlencode([*kept, ("view", "side")]),
        "query": urlencode([*kept, *side]),
        "page_link": page_link,
        "toggle_query": urlencode(
            [*kept, *([] if side else [("view", "side")])]
            + ([("page", number)] if number > 1 else [])
        ),
    }
    return render(request, "peaceplans/compare.html", context)


def compare_picker(request: HttpRequest, plan: str) -> HttpResponse:
    """The draft picker's GET form lands here and is redirected to the canonical URL."""
    left, right = request.GET.get("left", ""), request.GET.get("right", "")
    if not (_SLUG.fullmatch(left) and _SLUG.fullmatch(right)):
        return _bad_request(request, "Choose two drafts to compare.")
    url = reverse("compare", kwargs={"plan": plan, "spec": f"{left}...{right}"})
    try:
        shown = selectors.parse_compare_kinds(
            request.GET.getlist("show"), changes_only=request.GET.get("changes") == "only"
        )
    except ValueError:
        return _bad_request(request, "Show only kinds of change listed on the page.")
    if shown:
        url += "?" + urlencode([("show", kind) for kind in sorted(shown)])
    return redirect(url)


def clause_detail(request: HttpRequest, plan: str, clause: str) -> HttpResponse:
    return render(
        request,
        "peaceplans/clause.html",
        {"page": selectors.clause_page(plan, clause, request.user)},
    )


def _version_or_redirect(request, plan: str, draft: str, label: str, view: str, **extra):
    version = selectors.find_clause_version(plan, draft, label, request.user)
    here = (version.draft.plan.slug, version.draft.slug, version.label)
    if here != (plan, draft, label):
        # Relabelled or moved since the link was made. Temporary: the label may be reused.
        kwargs = {"plan": here[0], "draft": here[1], "label": here[2], **extra}
        return None, redirect(reverse(view, kwargs=kwargs))
    return version, None


def clause_version_detail(request: HttpRequest, plan: str, draft: str, label: str) -> HttpResponse:
    version, moved = _version_or_redirect(request, plan, draft, label, "clause_version")
    if moved:
        return moved
    page = selectors.clause_version_page(version, request.user)
    # Cite the exact revision (its text never changes); the living URL follows corrections.
    revision_url = reverse(
        "clause_revision",
        kwargs={"plan": plan, "draft": draft, "label": label, "number": len(page.revisions)},
    )
    context = {
        "page": page,
        "permalink": request.build_absolute_uri(revision_url),
        "latest_url": request.build_absolute_uri(version.get_absolute_url()),
        "retrieved": date.today(),
    }
    return render(request, "peaceplans/clause_version.html", context)


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


def party_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "peaceplans/parties.html", {"page": selectors.parties_page(request.user)}
    )


def party_detail(request: HttpRequest, party: str) -> HttpResponse:
    number = _page_number(request)
    if number is None:
        return _bad_request(request, "Pages are numbered 1, 2, 3...")
    page = selectors.party_page(party, request.user, page=number)
    return render(request, "peaceplans/party.html", {"page": page})


_SAFE_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def party_styles(request: HttpRequest) -> HttpResponse:
    """Party badge colours as a stylesheet, so that pages need no inline style under the CSP."""
    rules = [
        f'[data-party="{slug}"] {{ --party: {colour}; }}'
        for slug, colour in selectors.party_colours()
        if _SAFE_SLUG.match(slug) and _HEX_COLOUR.match(colour)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response
