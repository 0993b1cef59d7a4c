"""A draft's page (its history is in history.py)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Q, TextField, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from .. import pictures
from ..models import (
    Basis,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Event,
    Party,
    Plan,
    Position,
    ReportedPointCount,
    Source,
)
from ..vocabulary import coverage_note
from .common import (
    LineageLink,
    Pager,
    PreparedRead,
    Reverser,
    clause_version_url,
    fields_of,
    from_row,
    group_sources,
    latest_stance_by_party,
    lineage_link,
    pager,
    sources_of,
)

# ------------------------------------------------------------------ draft


@dataclass
class ContentsEntry:
    """One line of a draft's table of contents: every clause, whichever page shows it."""

    label: str
    heading: str
    page: int


@dataclass
class DraftClause:
    """One clause on a draft's page, with what its article shows (read by values, not models:
    building and prefetching models was most of the page's cost)."""

    id: int
    label: str
    heading: str  # its heading in this draft, else the clause's title
    clause_title: str
    clause_slug: str
    basis: str
    text: str
    disputed: bool
    dispute_note: str
    url: str = ""  # its permalink (the clause-version page)
    clause_url: str = ""  # the clause in every draft
    sources: list[Source] = field(default_factory=list)
    parents: list[LineageLink] = field(default_factory=list)
    stances: list[Position] = field(default_factory=list)  # each party's latest

    @property
    def text_is_known(self) -> bool:
        return self.basis != Basis.UNKNOWN

    @property
    def basis_label(self) -> str:
        return Basis(self.basis).label

    def get_basis_display(self) -> str:  # the name _basis.html uses for a ClauseVersion
        return self.basis_label


@dataclass
class PointCount:
    """A number of points a source gave for the draft (conflicting counts are all kept)."""

    as_reported: str
    reported_by: str
    disputed: bool
    sources: list[Source]


@dataclass
class DraftPage:
    draft: Draft
    versions: list[DraftClause]  # the clauses on this page
    positions: list[Position]  # on the draft as a whole
    stances: dict[int, list[Position]]  # clause version id -> each party's latest
    revisions: list[dict]  # drafts of the plan that revise it: {"slug", "title"}
    parents: list[dict] = field(default_factory=list)  # the drafts it revises
    authors: list[Party] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # of the draft itself
    position_sources: dict[int, list[Source]] = field(default_factory=dict)  # position id ->
    point_counts: list[PointCount] = field(default_factory=list)  # as reported, all of them
    events: list[dict] = field(default_factory=list)  # events on the time line that concern it
    companions: list[dict] = field(default_factory=list)  # documents that accompany it
    companion_of: dict | None = None  # the draft a companion document accompanies
    contents: list[ContentsEntry] = field(default_factory=list)  # every clause, every page
    pager: Pager = field(default_factory=lambda: Pager(1, 1, 0))
    unknown: int = 0  # clauses whose text is not known, on every page

    @property
    def coverage(self) -> str:
        return coverage_note(self.draft, self.unknown)

    @property
    def stance_map(self) -> pictures.StanceMap:
        """The stances on this page's clauses (its links go to clauses on the page)."""
        return pictures.clause_stances(self.versions, self.stances)


DRAFT_CLAUSES_PER_PAGE = 100

_DerivedFrom = Draft.derived_from.through
_clause_url = Reverser("clause")
_POSITION, _PARTY = fields_of(Position), fields_of(Party, "party__")

# The draft page's reads, each compiled once per process (see PreparedRead): building them
# with the ORM on every request was most of the page's CPU time.


@PreparedRead
def _clauses(draft: int, first: int, last: int):
    """Every clause of the draft in order (the contents), with the text of ranks first..last
    only (the page's clauses), and whether each is on the page."""
    rank = Window(RowNumber(), order_by=[F("position").asc(), F("label").asc()])
    shown = Q(rank__gte=first, rank__lte=last)
    return (
        ClauseVersion.objects.filter(draft_id=draft)
        .order_by("position", "label")
        .annotate(rank=rank)
        .annotate(
            shown=Case(When(shown, then=Value(True)), default=Value(False)),
            page_text=Case(
                When(shown, then=F("text")), default=Value(""), output_field=TextField()
            ),
        )
        .values_list(
            "id",
            "label",
            "heading",
            "basis",
            "clause__title",
            "clause__slug",
            "disputed",
            "dispute_note",
            "shown",
            "page_text",
        )
    )


@PreparedRead
def _positions(draft: int, ids: list[int]):
    """The positions on the draft and on the page's clauses, in the order they were stated."""
    return (
        Position.objects.filter(Q(draft_id=draft) | Q(clause_version_id__in=ids))
        .order_by("stated_on", "pk")
        .values_list(*_POSITION, *_PARTY)
    )


@PreparedRead
def _sources(draft: int, versions: list[int], positions: list[int], counts: list[int]):
    """By the owners' ids, known by then: each part joins a source to one link table only."""
    return sources_of(
        draft=("drafts", {"id": draft}),
        version=("clause_versions", {"id__in": versions}),
        position=("positions", {"id__in": positions}),
        count=("point_counts", {"id__in": counts}),
    )


@PreparedRead
def _point_counts(draft: int):
    return ReportedPointCount.objects.filter(draft_id=draft).values_list(
        "id", "as_reported", "reported_by", "disputed"
    )


@PreparedRead
def _lineage(ids: list[int], viewer):
    """The page's clauses' links to earlier versions, with their basis. A link counts when its
    parent's draft is visible, asked per link (EXISTS): `parent__in=<every visible version>`
    made SQLite walk every version of every draft first (183 ms at 500 x 20)."""
    return (
        ClauseDerivation.objects.filter(child_id__in=ids)
        .filter(Exists(Draft.objects.visible_to(viewer).filter(pk=OuterRef("parent__draft_id"))))
        .order_by("pk")
        .values_list(
            "child_id",
            "basis",
            "note",
            "parent__label",
            "parent__draft__slug",
            "parent__draft__title",
        )
    )


@PreparedRead
def _near(draft: int, plan: int, companion_to: int, viewer):
    """The drafts it revises (of any plan), and of its plan those that revise it, its
    companions and the draft it accompanies, in plan and sequence order."""
    return (
        Draft.objects.visible_to(viewer)
        .annotate(
            revises=Exists(_DerivedFrom.objects.filter(from_draft=OuterRef("pk"), to_draft=draft)),
            revised=Exists(_DerivedFrom.objects.filter(from_draft=draft, to_draft=OuterRef("pk"))),
        )
        .filter(
            Q(revised=True)
            | Q(plan_id=plan) & (Q(revises=True) | Q(companion_to=draft) | Q(pk=companion_to))
        )
        .order_by("plan_id", "sequence")
        .values_list("id", "slug", "title", "plan_id", "companion_to_id", "revises", "revised")
    )


_DRAFT, _PLAN, _AUTHOR = fields_of(Draft), fields_of(Plan, "plan__"), fields_of(Party, "authors__")


@PreparedRead
def _draft_with_authors(plan: str, draft: str, viewer):
    """The draft (if the viewer may see it) with its plan, once per author in name order (once
    with no author when it has none): one query for what _draft() and its authors took two."""
    return (
        Draft.objects.visible_to(viewer)
        .filter(plan__slug=plan, slug=draft)
        .order_by("authors__name", "authors__id")
        .values_list(*_DRAFT, *_PLAN, *_AUTHOR)
    )


def _find_draft(plan_slug: str, draft_slug: str, viewer) -> tuple[Draft, list[Party]]:
    rows = _draft_with_authors(plan=plan_slug, draft=draft_slug, viewer=viewer)
    if not rows:
        raise Http404("No Draft matches the given query.")  # as _draft() says it
    n, m = len(_DRAFT), len(_DRAFT) + len(_PLAN)
    draft = from_row(Draft, rows[0][:n])
    draft.plan = from_row(Plan, rows[0][n:m])
    return draft, [from_row(Party, row[m:]) for row in rows if row[m] is not None]


@PreparedRead
def _events(draft: int):
    return (
        Event.objects.filter(drafts=draft)
        .order_by("date", "slug")
        .values_list("slug", "date", "end_date", "title")
    )


def draft_page(
    plan_slug: str, draft_slug: str, viewer=None, *, page: int | None = None
) -> DraftPage:
    """A draft and its clauses. With `page`, DRAFT_CLAUSES_PER_PAGE clauses a page; without,
    every clause. One query lists every clause (the contents, the counts) with the texts of the
    page's clauses only; sources, stances and lineage are loaded for the page's clauses only.
    Nine queries, each read as flat rows by a read compiled once: no prefetch chains."""
    draft, authors = _find_draft(plan_slug, draft_slug, viewer)
    number, per_page = page or 1, DRAFT_CLAUSES_PER_PAGE
    every = _clauses(
        draft=draft.pk,
        first=(number - 1) * per_page + 1,
        last=number * per_page if page is not None else 2**31 - 1,
    )
    if page is None:
        pages, per_page = Pager(1, 1, len(every)), max(len(every), 1)
    else:
        pages, _ = pager(len(every), number, per_page)
    contents = [
        ContentsEntry(label, heading or title, n // per_page + 1)
        for n, (_, label, heading, _, title, *_) in enumerate(every)
    ]
    versions = [
        DraftClause(
            id,
            label,
            heading or title,
            title,
            slug,
            basis,
            text,
            disputed,
            note,
            url=clause_version_url(plan=plan_slug, draft=draft_slug, label=label),
            clause_url=_clause_url(plan=plan_slug, clause=slug),
        )
        for id, label, heading, basis, title, slug, disputed, note, on_page, text in every
        if on_page
    ]
    ids = [v.id for v in versions]
    on_draft, on_clauses = [], defaultdict(list)
    for row in _positions(draft=draft.pk, ids=ids):
        position = from_row(Position, row[: len(_POSITION)])
        position.party = from_row(Party, row[len(_POSITION) :])
        if position.clause_version_id:
            on_clauses[position.clause_version_id].append(position)
        else:
            on_draft.append(position)
    counts = _point_counts(draft=draft.pk)
    sources = group_sources(
        _sources(
            draft=draft.pk,
            versions=ids,
            positions=[p.pk for p in on_draft],
            counts=[row[0] for row in counts],
        ),
        "draft",
        "version",
        "position",
        "count",
    )
    by_id = {v.id: v for v in versions}
    for child_id, basis, note, label, slug, title in _lineage(ids=ids, viewer=viewer):
        by_id[child_id].parents.append(lineage_link(plan_slug, slug, label, title, basis, note))
    stances = {}
    for version in versions:
        version.sources = sources["version"].get(version.id, [])
        version.stances = stances[version.id] = latest_stance_by_party(on_clauses[version.id])
    names = ("id", "slug", "title", "plan_id", "companion_to_id", "revises", "revised")
    near = [
        dict(zip(names, row, strict=True))
        for row in _near(
            draft=draft.pk,
            plan=draft.plan_id,
            companion_to=draft.companion_to_id or 0,
            viewer=viewer,
        )
    ]
    same_plan = [d for d in near if d["plan_id"] == draft.plan_id]
    return DraftPage(
        draft=draft,
        versions=versions,
        positions=on_draft,
        stances=stances,
        revisions=[d for d in same_plan if d["revises"]],
        parents=[d for d in near if d["revised"]],
        authors=authors,
        sources=sources["draft"].get(draft.pk, []),
        position_sources=sources["position"],
        point_counts=[
            PointCount(as_reported, by, disputed, sources["count"].get(id, []))
            for id, as_reported, by, disputed in counts
        ],
        events=[
            dict(zip(("slug", "date", "end_date", "title"), row, strict=True))
            for row in _events(draft=draft.pk)
        ],
        companions=[d for d in same_plan if d["companion_to_id"] == draft.pk],
        companion_of=next((d for d in same_plan if d["id"] == draft.companion_to_id), None),
        contents=contents,
        pager=pages,
        unknown=sum(row[3] == Basis.UNKNOWN for row in every),
    )
