"""Downloads: a draft as CSV or JSON, the plan's clause × draft matrix as CSV, and the whole plan
as one citable JSON dataset. Streamed; CSV by the csv module (RFC 4180 quoting), UTF-8, with a
byte-order mark on request (`?bom=1`) for spreadsheets that need one to read UTF-8.

The rows come from the same selectors and serializers as the pages and the API, so an export
shows what its page shows, and nothing a reader may not see."""

import csv
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q
from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from . import selectors
from .api import endpoints, serialize, structured, visible
from .api.conditional import record_last_modified, with_record_validators
from .models import ClauseVersion, Party, Plan, Source

BOM = "\ufeff"
DATASET_FORMAT = "peaceplans-plan-dataset/1"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _wants_bom(request: HttpRequest) -> bool:
    return request.GET.get("bom", "").lower() in {"1", "true", "yes"}


def _csv_response(request, filename: str, header: list[str], rows: Iterable[list]):
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        if _wants_bom(request):
            yield BOM
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(["" if value is None else value for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(request, filename: str, data: dict):
    def chunks() -> Iterator[str]:
        if _wants_bom(request):
            yield BOM
        yield from DjangoJSONEncoder(ensure_ascii=False, indent=1).iterencode(data)
        yield "\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sources_cell(sources: list[dict]) -> str:
    return "; ".join(
        " ".join(
            part
            for part in (f"{s['publisher']}:" if s["publisher"] else "", s["title"], s["url"])
            if part
        )
        for s in sources
    )


DRAFT_COLUMNS = [
    "plan",
    "draft",
    "label",
    "position",
    "clause",
    "clause_title",
    "topic",
    "heading",
    "basis",
    "disputed",
    "dispute_note",
    "text",
    "sources",
    "permalink",
]


@with_record_validators
def draft_csv(request: HttpRequest, plan: str, draft: str):
    data = endpoints.draft(request, plan, draft)
    rows = (
        [
            plan,
            draft,
            v["label"],
            v["position"],
            v["clause"],
            v["clause_title"],
            v["topic"],
            v["heading"],
            v["basis"],
            "yes" if v["disputed"] else "no",
            v["dispute_note"],
            v["text"],
            _sources_cell(v["sources"]),
            v["html_url"],
        ]
        for v in data["clause_versions"]
    )
    return _csv_response(request, f"{plan}-{draft}.csv", DRAFT_COLUMNS, rows)


@with_record_validators
def draft_json(request: HttpRequest, plan: str, draft: str):
    return _json_response(request, f"{plan}-{draft}.json", endpoints.draft(request, plan, draft))


@with_record_validators
def matrix_csv(request: HttpRequest, plan: str):
    """One row per clause; per draft its label there, its status and each party's stance."""
    page = selectors.plan_page(plan, request.user)
    header = ["clause", "clause_title", "topic"]
    for draft in page.drafts:
        header += [f"{draft.slug}:label", f"{draft.slug}:status", f"{draft.slug}:stances"]

    def rows():
        for row in page.rows:
            line = [row.clause.slug, row.clause.title, row.clause.topic]
            for cell in row.cells:
                stances = "; ".join(f"{p.party.slug}={p.stance}" for p in cell.stances)
                line += [cell.version.label if cell.version else "", cell.status, stances]
            yield line

    return _csv_response(request, f"{plan}-matrix.csv", header, rows())


@with_record_validators
def plan_json(request: HttpRequest, plan: str):
    """The plan as one dataset: its version is the time of the record's last change."""
    found = get_object_or_404(Plan, slug=plan)
    urls = serialize.Urls(request)
    user = request.user
    changed = getattr(request, "record_changed_at", None) or record_last_modified(user)
    drafts = list(endpoints._draft_rows(user).filter(plan=found))
    sources = Prefetch("sources", queryset=Source.objects.order_by("reliability", "title"))
    versions = list(
        visible.versions(user)
        .filter(draft__plan=found)
        .select_related("draft", "clause")
        .prefetch_related(sources)
        .order_by("draft__sequence", "position", "label")
    )
    parents = endpoints._parents_by_child([v.pk for v in versions], user)
    by_draft: dict[int, list[ClauseVersion]] = {}
    for version in versions:
        by_draft.setdefault(version.draft_id, []).append(version)
    positions = list(
        endpoints._positions(user).filter(
            Q(draft__plan=found) | Q(clause_version__draft__plan=found)
        )
    )
    draft_rows = [
        {
            **serialize.draft(d, urls),
            "clause_versions": [
                serialize.clause_version(v, plan, urls, parents.get(v.pk, ()))
                for v in by_draft.get(d.pk, [])
            ],
        }
        for d in drafts
    ]
    position_rows = [serialize.position(p, urls) for p in positions]
    cited = {}
    for row in draft_rows:
        for item in (row, *row["clause_versions"]):
            cited.update((s["id"], s) for s in item["sources"])
    event_rows = [serialize.event(e, urls) for e in endpoints._events(user).filter(plan=found)]
    for row in position_rows + event_rows:
        cited.update((s["id"], s) for s in row["sources"])
    data = {
        "format": DATASET_FORMAT,
        "version": changed.isoformat() if changed else None,
        "generated_at": timezone.now().isoformat(),
        "citation": (
            f"{found.title}, peaceplans dataset, version {changed:%Y-%m-%d %H:%M UTC}. "
            f"{urls(request.path)}"
            if changed
            else ""
        ),
        "plan": serialize.plan(found, urls),
        "drafts": draft_rows,
        "positions": position_rows,
        "parties": [serialize.party(p, urls) for p in Party.objects.order_by("slug")],
        "sources": sorted(cited.values(), key=lambda s: s["id"]),
        "events": event_rows,
        "lineage": structured.lineage(found, user, urls),
    }
    return _json_response(request, f"{plan}-dataset.json", data)
