"""The read-only JSON API, /api/v1/. URLs use the pages' slugs and labels.

django-ninja builds the OpenAPI schema from the response shapes in schemas.py and serves the docs
page from its own packaged Swagger UI assets (no CDN). Every read goes through api/visible.py
or through the same selectors the HTML pages use.
"""

from typing import Annotated

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from .. import selectors
from ..models import ClauseDerivation, Party, Plan, ReportedPointCount, Source, Stance
from . import schemas, serialize, structured, visible
from .serialize import Urls

api = NinjaAPI(
    title="peaceplans API",
    version="1",
    description=(
        "Read-only access to the record: plans, drafts, clause versions with their revisions, "
        "party positions with sources, the lineage graph and structured diffs. Lists take "
        "`limit` and `offset` and give the `next` page's URL. Drafts in preparation are shown "
        "only to signed-in editors."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ERRORS = {400: schemas.Error, 404: schemas.Error}
MAX_LIMIT = 200
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
Offset = Annotated[int, Query(ge=0, description="Items to skip")]


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = [
        {"field": ".".join(str(part) for part in error["loc"][1:]), "message": error["msg"]}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "Invalid request", "errors": errors}, status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _page(request, queryset, limit: int, offset: int, render) -> dict:
    """One page of a list: `count`, the `next`/`previous` pages' URLs and the `results`."""

    def link(to: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(to)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    count = queryset.count()
    end = offset + limit
    return {
        "count": count,
        "next": link(end) if end < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "results": [render(row) for row in queryset[offset:end]],
    }


_sources = Prefetch("sources", queryset=Source.objects.order_by("reliability", "title"))


def _draft_rows(user):
    rows = (
        visible.drafts(user)
        .with_place(user)
        .select_related("plan")
        .annotate(clause_count=Count("clause_versions"))
        .prefetch_related(
            "authors",
            # Only readable drafts: a published draft may revise one in preparation.
            Prefetch("derived_from", queryset=visible.drafts(user).order_by("sequence")),
            Prefetch("events", queryset=visible.events(user).order_by("date", "slug")),
            Prefetch("point_counts", queryset=ReportedPointCount.objects.order_by("position")),
            _sources,
        )
        .order_by("plan__slug", "sequence")
    )
    return rows


def _events(user):
    return (
        visible.events(user)
        .select_related("plan")
        .prefetch_related(
            "parties",
            Prefetch("drafts", queryset=visible.drafts(user).order_by("sequence")),
            _sources,
        )
        .order_by("date", "slug")
    )


def _positions(user):
    return (
        visible.positions(user)
        .select_related("party", "draft__plan", "clause_version__draft__plan")
        .prefetch_related(_sources)
        .order_by("stated_on", "pk")
    )


# ------------------------------------------------------------------ plans


@api.get("/plans", response={200: schemas.PlanPage, **ERRORS}, tags=["plans"])
def plans(
    request,
    limit: Limit = 50,
    offset: Offset = 0,
):
    urls = Urls(request)
    return _page(
        request, Plan.objects.order_by("slug"), limit, offset, lambda p: serialize.plan(p, urls)
    )


@api.get("/plans/{plan}", response={200: schemas.PlanDetail, **ERRORS}, tags=["plans"])
def plan(request, plan: str):
    urls = Urls(request)
    found = get_object_or_404(Plan, slug=plan)
    drafts = (
        visible.drafts(request.user)
        .filter(plan=found)
        .with_place(request.user)
        .order_by("sequence")
    )
    return {
        **serialize.plan(found, urls),
        "drafts": [
            {
                "slug": d.slug,
                "title": d.title,
                "sequence": d.place,
                "url": urls.api("plans", found.slug, "drafts", d.slug),
            }
            for d in drafts
        ],
        "links": {
            "drafts": urls.api("plans", found.slug, "drafts"),
            "clauses": urls.api("plans", found.slug, "clauses"),
            "lineage": urls.api("plans", found.slug, "lineage"),
            "events": urls.api("plans", found.slug, "events"),
            "positions": urls.api("positions") + f"?plan={found.slug}",
            "dataset": urls(reverse("export_plan_json", kwargs={"plan": found.slug})),
            "matrix_csv": urls(reverse("export_matrix_csv", kwargs={"plan": found.slug})),
            "feed": urls(reverse("feed_plan", kwargs={"plan": found.slug})),
        },
    }


@api.get("/plans/{plan}/lineage", response={200: schemas.Lineage, **ERRORS}, tags=["plans"])
def lineage(request, plan: str):
    """The plan's clause versions as a graph, for redrawing its lineage."""
    return structured.lineage(get_object_or_404(Plan, slug=plan), request.user, Urls(request))


@api.get(
    "/plans/{plan}/compare/{spec}", response={200: schemas.DraftDiff, **ERRORS}, tags=["diffs"]
)
def compare(request, plan: str, spec: str):
    """Two drafts aligned clause by clause, `<left>...<right>` as on the compare page."""
    try:
        left, right = selectors.parse_compare_spec(spec)
    except ValueError:
        raise HttpError(400, "Compare two drafts as <first>...<second>.") from None
    page = selectors.compare_page(plan, left, right, request.user)
    return structured.draft_diff(page, Urls(request))


# ------------------------------------------------------------------ drafts


@api.get("/plans/{plan}/drafts", response={200: schemas.DraftPage, **ERRORS}, tags=["drafts"])
def drafts(
    request,
    plan: str,
    limit: Limit = 50,
    offset: Offset = 0,
):
    found = get_object_or_404(Plan, slug=plan)
    urls = Urls(request)
    rows = _draft_rows(request.user).filter(plan=found)
    return _page(request, rows, limit, offset, lambda d: serialize.draft(d, urls))


def _parents_by_child(version_ids, user) -> dict[int, list]:
    links = (
        ClauseDerivation.objects.filter(child_id__in=version_ids)
        .filter(parent__in=visible.versions(user))
        .select_related("parent__draft")
        .order_by("pk")
    )
    parents: dict[int, list] = {}
    for link in links:
        parents.setdefault(link.child_id, []).append((link.parent, getattr(link, "basis", "")))
    return parents


@api.get(
    "/plans/{plan}/drafts/{draft}", response={200: schemas.DraftDetail, **ERRORS}, tags=["drafts"]
)
def draft(request, plan: str, draft: str):
    urls = Urls(request)
    found = get_object_or_404(_draft_rows(request.user), plan__slug=plan, slug=draft)
    versions = list(
        found.clause_versions.select_related("draft", "clause")
        .prefetch_related(_sources)
        .order_by("position", "label")
    )
    parents = _parents_by_child([v.pk for v in versions], request.user)
    return {
        **serialize.draft(found, urls),
        "clause_versions": [
            serialize.clause_version(v, plan, urls, parents.get(v.pk, ())) for v in versions
        ],
        "positions": [
            serialize.position(p, urls) for p in _positions(request.user).filter(draft=found)
        ],
    }


# ------------------------------------------------------------------ clauses and their versions


@api.get("/plans/{plan}/clauses", response={200: schemas.ClausePage, **ERRORS}, tags=["clauses"])
def clauses(
    request,
    plan: str,
    limit: Limit = 50,
    offset: Offset = 0,
):
    found = get_object_or_404(Plan, slug=plan)
    urls = Urls(request)
    shown = visible.versions(request.user).select_related("draft").order_by("draft__sequence")
    rows = (
        visible.clauses(request.user)
        .filter(plan=found)
        .select_related("plan")
        .order_by("slug")
        .prefetch_related(Prefetch("versions", queryset=shown))
    )

    def render(c):
        return {
            "plan": plan,
            "slug": c.slug,
            "title": c.title,
            "topic": c.topic,
            "description": c.description,
            "versions": [serialize.version_ref(v, plan, urls) for v in c.versions.all()],
            "url": urls.api("plans", plan, "clauses", c.slug),
            "html_url": urls(c.get_absolute_url()),
        }

    return _page(request, rows, limit, offset, render)


@api.get(
    "/plans/{plan}/clauses/{clause}",
    response={200: schemas.ClauseDetail, **ERRORS},
    tags=["clauses"],
)
def clause(request, plan: str, clause: str):
    urls = Urls(request)
    found = get_object_or_404(
        visible.clauses(request.user).select_related("plan"), plan__slug=plan, slug=clause
    )
    versions = list(
        visible.versions(request.user)
        .filter(clause=found)
        .select_related("draft", "clause")
        .prefetch_related(_sources)
        .order_by("draft__sequence")
    )
    parents = _parents_by_child([v.pk for v in versions], request.user)
    return {
        "plan": plan,
        "slug": found.slug,
        "title": found.title,
        "topic": found.topic,
        "description": found.description,
        "versions": [
            serialize.clause_version(v, plan, urls, parents.get(v.pk, ())) for v in versions
        ],
        "url": urls.api("plans", plan, "clauses", found.slug),
        "html_url": urls(found.get_absolute_url()),
    }


def _version(request, plan: str, draft: str, label: str, *tail):
    found = selectors.find_clause_version(plan, draft, label, request.user)
    here = (found.draft.plan.slug, found.draft.slug, found.label)
    if here != (plan, draft, label):  # relabelled or moved: follow it, as the page does
        parts = ["plans", here[0], "drafts", here[1], "clauses", here[2], *tail]
        return None, HttpResponseRedirect(Urls(request).api(*parts))
    return found, None


def _revision(record, number: int, changed: bool, plan: str, version, urls: Urls) -> dict:
    kwargs = {"plan": plan, "draft": version.draft.slug, "label": version.label}
    return {
        "number": number,
        "saved_at": record.history_date,
        "saved_by": record.history_user.get_username() if record.history_user else None,
        "reason": record.history_change_reason,
        "label": record.label,
        "heading": record.heading,
        "text": record.text,
        "basis": record.basis,
        "changed_text": changed,
        "url": urls.version(plan, version.draft.slug, version.label) + f"/rev/{number}",
        "html_url": urls(reverse("clause_revision", kwargs={**kwargs, "number": number})),
    }


VERSION = "/plans/{plan}/drafts/{draft}/clauses/{label}"


@api.get(VERSION, response={200: schemas.ClauseVersionDetail, **ERRORS}, tags=["clauses"])
def clause_version(request, plan: str, draft: str, label: str):
    """A clause version at its permalink, with its positions, lineage links and revisions."""
    version, moved = _version(request, plan, draft, label)
    if moved:
        return moved
    urls = Urls(request)
    versions = (
        visible.versions(request.user)
        .filter(pk=version.pk)
        .select_related("draft", "clause")
        .prefetch_related(_sources)
    )
    version = versions.get()
    parents = _parents_by_child([version.pk], request.user).get(version.pk, ())
    children = (
        ClauseDerivation.objects.filter(parent=version, child__in=visible.versions(request.user))
        .select_related("child__draft")
        .order_by("pk")
    )
    return {
        **serialize.clause_version(version, plan, urls, parents),
        "positions": [
            serialize.position(p, urls)
            for p in _positions(request.user).filter(clause_version=version)
        ],
        "continued_in": [
            serialize.version_ref(link.child, plan, urls, getattr(link, "basis", ""))
            for link in children
        ],
        "revisions": [
            _revision(r.record, r.number, r.differs_from_previous, plan, version, urls)
            for r in selectors.revisions_of(version)
        ],
    }


@api.get(VERSION + "/rev/{number}", response={200: schemas.RevisionOut, **ERRORS}, tags=["clauses"])
def revision(request, plan: str, draft: str, label: str, number: int):
    version, moved = _version(request, plan, draft, label, "rev", number)
    if moved:
        return moved
    page = selectors.revision_page(version, number, None)
    revision = page.revision
    return _revision(
        revision.record, number, revision.differs_from_previous, plan, version, Urls(request)
    )


@api.get(
    VERSION + "/rev/{number}/diff",
    response={200: schemas.RevisionDiff, **ERRORS},
    tags=["diffs"],
)
def revision_diff(
    request, plan: str, draft: str, label: str, number: int, against: str = "current"
):
    """This revision against another (`against=<n>`) or against the current text."""
    version, moved = _version(request, plan, draft, label, "rev", number, "diff")
    if moved:
        return moved
    if against != "current" and not against.isdigit():
        raise ValidationError(
            [{"loc": ("query", "against"), "msg": "a revision number or 'current'"}]
        )
    page = selectors.revision_page(version, number, against)
    kwargs = {"plan": plan, "draft": draft, "label": version.label, "number": number}
    html = Urls(request)(reverse("clause_revision", kwargs=kwargs) + f"?against={against}")
    return structured.revision_diff(page, html)


# ------------------------------------------------------------------ events


@api.get("/plans/{plan}/events", response={200: schemas.EventPage, **ERRORS}, tags=["events"])
def events(request, plan: str, limit: Limit = 50, offset: Offset = 0):
    """The plan's time line of events: rounds of talks, meetings, handovers, declarations."""
    found = get_object_or_404(Plan, slug=plan)
    urls = Urls(request)
    rows = _events(request.user).filter(plan=found)
    return _page(request, rows, limit, offset, lambda e: serialize.event(e, urls))


@api.get(
    "/plans/{plan}/events/{event}", response={200: schemas.EventOut, **ERRORS}, tags=["events"]
)
def event(request, plan: str, event: str):
    found = get_object_or_404(_events(request.user), plan__slug=plan, slug=event)
    return serialize.event(found, Urls(request))


# ------------------------------------------------------------------ positions, sources, parties


@api.get("/positions", response={200: schemas.PositionPage, **ERRORS}, tags=["positions"])
def positions(
    request,
    plan: str | None = None,
    draft: str | None = None,
    party: str | None = None,
    stance: Stance | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Positions with their sources, filtered by plan, draft (slug), party (slug) or stance."""
    urls = Urls(request)
    rows = _positions(request.user)
    for name, value in (("plan__slug", plan), ("slug", draft)):
        if value:
            rows = rows.filter(
                Q(**{f"draft__{name}": value}) | Q(**{f"clause_version__draft__{name}": value})
            )
    if party:
        rows = rows.filter(party__slug=party)
    if stance:
        rows = rows.filter(stance=stance)
    return _page(request, rows, limit, offset, lambda p: serialize.position(p, urls))


@api.get("/sources", response={200: schemas.SourcePage, **ERRORS}, tags=["sources"])
def sources(
    request,
    limit: Limit = 50,
    offset: Offset = 0,
):
    urls = Urls(request)
    rows = visible.sources(request.user).order_by("pk")
    return _page(request, rows, limit, offset, lambda s: serialize.source(s, urls))


@api.get("/sources/{source_id}", response={200: schemas.SourceOut, **ERRORS}, tags=["sources"])
def source(request, source_id: int):
    return serialize.source(
        get_object_or_404(visible.sources(request.user), pk=source_id), Urls(request)
    )


@api.get("/parties", response={200: schemas.PartyPage, **ERRORS}, tags=["parties"])
def parties(
    request,
    limit: Limit = 50,
    offset: Offset = 0,
):
    urls = Urls(request)
    rows = Party.objects.order_by("slug")
    return _page(request, rows, limit, offset, lambda p: serialize.party(p, urls))


@api.get("/parties/{party}", response={200: schemas.PartyOut, **ERRORS}, tags=["parties"])
def party(request, party: str):
    return serialize.party(get_object_or_404(Party, slug=party), Urls(request))
