"""One clause across drafts, one clause version, and its revisions."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import pictures
from ..diffing import TextDiff, diff_texts, texts_equal
from ..models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Party,
    Plan,
    Position,
    Source,
)
from ..revisions import paired, text_changed
from .common import (
    LineageLink,
    PreparedRead,
    _draft,
    _positions_with_sources,
    _sources,
    fields_of,
    from_row,
    group_sources,
    latest_stance_by_party,
    lineage_link,
    sources_of,
)

# ------------------------------------------------------------------ one clause across drafts


@dataclass
class ClauseColumn:
    version: ClauseVersion
    diff: TextDiff | None  # against the previous column with known text
    previous: ClauseVersion | None
    stances: list[Position]


@dataclass
class ClausePage:
    clause: Clause
    columns: list[ClauseColumn]
    drafts: list[Draft]
    related: list[ClauseVersion]  # versions linked by a split or merge
    journey: object = None  # pictures.Journey


def _columns(versions: list[ClauseVersion]) -> list[ClauseColumn]:
    columns, previous = [], None
    for version in versions:
        diff = None
        if previous is not None and version.text_is_known:
            diff = diff_texts(previous.text, version.text)
        columns.append(
            ClauseColumn(version, diff, previous, latest_stance_by_party(version.positions.all()))
        )
        if version.text_is_known:
            previous = version
    return columns


def clause_page(plan_slug: str, clause_slug: str, viewer=None) -> ClausePage:
    clause = get_object_or_404(
        Clause.objects.visible_to(viewer).select_related("plan"),
        plan__slug=plan_slug,
        slug=clause_slug,
    )
    versions = list(
        ClauseVersion.objects.visible_to(viewer)
        .filter(clause=clause)
        .select_related("draft")
        .prefetch_related(
            _sources,
            _positions_with_sources,
            Prefetch(
                "parent_links",  # how each column's text came from an earlier one, and basis
                # Visible when the parent's draft is, asked per link: see draft_page (the
                # subquery of every visible version cost SQLite 33 ms here at 15x).
                queryset=ClauseDerivation.objects.filter(
                    Exists(Draft.objects.visible_to(viewer).filter(pk=OuterRef("parent__draft_id")))
                ).select_related("parent__draft"),
            ),
        )
        .order_by("draft__sequence")
    )
    drafts = list(
        clause.plan.drafts.visible_to(viewer)
        .filter(kind=Draft.Kind.DRAFT)
        .order_by("sequence")
        .annotate(  # reported to have removed this clause (the journey says "removed")
            drops_clause=Exists(
                Draft.dropped_clauses.through.objects.filter(
                    draft_id=OuterRef("pk"), clause_id=clause.id
                )
            )
        )
    )
    # Versions a split or merge links to this clause's versions, either way. One UNION of two
    # index lookups: an OR of the two joins scanned the whole clause-version table (17 -> 2 ms
    # at 100x on PostgreSQL).
    linked = (
        ClauseDerivation.objects.filter(child__clause=clause)
        .values("parent_id")
        .union(ClauseDerivation.objects.filter(parent__clause=clause).values("child_id"))
    )
    related = list(
        ClauseVersion.objects.visible_to(viewer)
        .filter(pk__in=linked)
        .exclude(clause=clause)
        .select_related("draft", "clause")
        .annotate(
            is_successor=Exists(
                ClauseDerivation.objects.filter(child=OuterRef("pk"), parent__clause=clause)
            )
        )
        .distinct()
        .order_by("draft__sequence", "position")
    )
    columns = _columns(versions)
    # A sibling successor in a draft: the clause split there; a second parent: merged there.
    split_into = {v.draft_id for v in related if v.is_successor}
    merged_at = {
        d.id
        for d in drafts
        for v in related
        if not v.is_successor
        and v.draft.sequence < d.sequence
        and any(c.version.draft_id == d.id for c in columns)
        and not any(
            c.version.draft.sequence > v.draft.sequence and c.version.draft.sequence < d.sequence
            for c in columns
        )
    }
    return ClausePage(
        clause, columns, drafts, related, pictures.journey(drafts, columns, split_into, merged_at)
    )


# ------------------------------------------------------------------ one clause in one draft


@dataclass
class Revision:
    number: int
    record: object  # a HistoricalClauseVersion
    differs_from_previous: bool


@dataclass
class ClauseVersionPage:
    version: ClauseVersion
    cited: list[Source]
    parents: list[LineageLink]  # lineage links to earlier versions, with their basis
    children: list[LineageLink]  # and from later ones
    stances: list[Position]
    positions: list[Position]
    previous: ClauseVersion | None
    next: ClauseVersion | None
    diff_previous: TextDiff | None
    diff_next: TextDiff | None
    others: list[ClauseVersion]
    revisions: list[Revision]
    position_sources: dict[int, list[Source]] = field(default_factory=dict)  # position id ->


_VERSION, _DRAFT, _PLAN, _CLAUSE = (
    fields_of(ClauseVersion),
    fields_of(Draft, "draft__"),
    fields_of(Plan, "draft__plan__"),
    fields_of(Clause, "clause__"),
)


def _version_from_row(row, *, plan=True, clause=True) -> ClauseVersion:
    """A ClauseVersion with its draft (and the draft's plan, its clause) from one flat row."""
    n, m = len(_VERSION), len(_VERSION) + len(_DRAFT)
    version = from_row(ClauseVersion, row[:n])
    version.draft = from_row(Draft, row[n:m])
    if plan:
        version.draft.plan = from_row(Plan, row[m : m + len(_PLAN)])
        m += len(_PLAN)
    if clause:
        version.clause = from_row(Clause, row[m : m + len(_CLAUSE)])
    return version


@PreparedRead
def _version_at(plan: str, draft: str, label: str, viewer):
    """The version at a label of a visible draft, with its draft, plan and clause: one query
    for what _draft() and a lookup in the draft took two for. Visibility through the version's
    own visible_to (its draft's), on the joins the columns need anyway: an IN over the visible
    drafts doubled PostgreSQL's planning time (0.9 -> 0.4 ms)."""
    return (
        ClauseVersion.objects.visible_to(viewer)
        .filter(draft__plan__slug=plan, draft__slug=draft, label=label)
        .values_list(*_VERSION, *_DRAFT, *_PLAN, *_CLAUSE)
    )


def find_clause_version(plan_slug: str, draft_slug: str, label: str, viewer=None) -> ClauseVersion:
    """The version at that draft and label; else the version that was there once and has since
    been relabelled or moved (the caller redirects to its URL, temporarily: labels get reused)."""
    rows = _version_at(plan=plan_slug, draft=draft_slug, label=label, viewer=viewer)
    if rows:
        return _version_from_row(rows[0])
    draft = _draft(plan_slug, draft_slug, viewer)  # 404 when there is no such visible draft
    found = ClauseVersion.objects.select_related("draft__plan", "clause")
    version = found.filter(draft=draft, label=label).first()
    if version is not None:
        return version
    former = (
        ClauseVersion.history.filter(draft_id=draft.id, label=label)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if former is not None:
        current = (
            found.filter(pk=former.id).filter(draft__in=Draft.objects.visible_to(viewer)).first()
        )
        if current is not None:
            return current
    raise Http404("No such clause in this draft")


_HistoricalVersion = ClauseVersion.history.model


@PreparedRead
def _history(version: int):
    return _HistoricalVersion.objects.filter(id=version).values_list(*fields_of(_HistoricalVersion))


def revisions_of(version: ClauseVersion) -> list[Revision]:
    records = [from_row(_HistoricalVersion, row) for row in _history(version=version.pk)]
    return [
        Revision(number, record, previous is None or text_changed(previous, record))
        for number, (previous, record) in enumerate(paired(records), start=1)
    ]


@PreparedRead
def _others(clause: int, viewer):
    """The clause's visible versions in draft order, each with its draft."""
    return (
        ClauseVersion.objects.visible_to(viewer)
        .filter(clause_id=clause)
        .order_by("draft__sequence")
        .values_list(*_VERSION, *_DRAFT)
    )


@PreparedRead
def _version_positions(version: int):
    return (
        Position.objects.filter(clause_version_id=version)
        .order_by("stated_on", "pk")
        .values_list(*fields_of(Position), *fields_of(Party, "party__"))
    )


@PreparedRead
def _version_sources(version: int):
    return sources_of(
        version=("clause_versions", {"id": version}),
        position=("positions", {"clause_version": version}),
    )


_LINK_END = ("label", "draft__slug", "draft__title", "draft__plan__slug")


@PreparedRead
def _links(version: int, viewer):
    """Lineage links to and from the version whose other end is visible (its draft is), with
    their basis, in the order they were made: (id, child id, basis, note, parent's end, child's
    end). Each half finds its links by index (child_id, parent_id) and checks the other end's
    draft on its own (EXISTS), as the clause and draft pages do: neither `draft IN <every
    visible draft>` (grows with the record, tests/test_scaling_queries.py) nor an OR of the
    two halves (PostgreSQL then joins every link before filtering)."""
    visible = Draft.objects.visible_to(viewer)
    links = ClauseDerivation.objects.order_by().values_list(
        "id",
        "child_id",
        "basis",
        "note",
        *(f"parent__{name}" for name in _LINK_END),
        *(f"child__{name}" for name in _LINK_END),
    )
    up = links.filter(child_id=version).filter(
        Exists(visible.filter(pk=OuterRef("parent__draft_id")))
    )
    down = links.filter(parent_id=version).filter(
        Exists(visible.filter(pk=OuterRef("child__draft_id")))
    )
    return up.union(down, all=True).order_by("id")


def clause_version_page(version: ClauseVersion, viewer=None) -> ClauseVersionPage:
    others = [
        _version_from_row(row, plan=False, clause=False)
        for row in _others(clause=version.clause_id, viewer=viewer)
    ]
    index = next(i for i, v in enumerate(others) if v.pk == version.pk)
    known_before = [v for v in others[:index] if v.text_is_known]
    known_after = [v for v in others[index + 1 :] if v.text_is_known]
    previous = known_before[-1] if known_before else None
    following = known_after[0] if known_after else None
    positions = []
    for row in _version_positions(version=version.pk):
        position = from_row(Position, row[: len(fields_of(Position))])
        position.party = from_row(Party, row[len(fields_of(Position)) :])
        positions.append(position)
    sources = group_sources(_version_sources(version=version.pk), "version", "position")
    parents, children = [], []
    for _id, child_id, basis, note, *ends in _links(version=version.pk, viewer=viewer):
        if child_id == version.pk:  # a link to an earlier version
            label, draft_slug, title, plan_slug = ends[:4]
            parents.append(lineage_link(plan_slug, draft_slug, label, title, basis, note))
        else:
            label, draft_slug, title, plan_slug = ends[4:]
            children.append(lineage_link(plan_slug, draft_slug, label, title, basis, note))
    known = version.text_is_known
    return ClauseVersionPage(
        version=version,
        cited=sources["version"].get(version.pk, []),
        parents=parents,
        children=children,
        stances=latest_stance_by_party(positions),
        positions=positions,
        previous=previous,
        next=following,
        diff_previous=diff_texts(previous.text, version.text) if previous and known else None,
        diff_next=diff_texts(version.text, following.text) if following and known else None,
        others=others,
        revisions=revisions_of(version),
        position_sources=sources["position"],
    )


@dataclass
class RevisionPage:
    version: ClauseVersion
    revision: Revision
    revisions: list[Revision]
    against: Revision | None  # None: against the current text
    diff: TextDiff
    is_current: bool


def revision_page(version: ClauseVersion, number: int, against: str | None) -> RevisionPage:
    revisions = revisions_of(version)
    if not 1 <= number <= len(revisions):
        raise Http404("No such revision")
    revision = revisions[number - 1]
    other = None
    if against not in (None, "", "current"):
        try:
            other = revisions[int(against) - 1]
        except (ValueError, IndexError):
            raise Http404("No such revision to compare with") from None
        if int(against) < 1:
            raise Http404("No such revision to compare with")
    base_text = other.record.text if other else version.text
    return RevisionPage(
        version=version,
        revision=revision,
        revisions=revisions,
        against=other,
        diff=diff_texts(base_text, revision.record.text)
        if other
        else diff_texts(revision.record.text, version.text),
        is_current=texts_equal(revision.record.text, version.text),
    )
