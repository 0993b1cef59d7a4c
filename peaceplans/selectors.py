"""Reads: one function per page. Each loads everything its page shows in a fixed number of
queries, whatever the number of drafts, clauses or positions, and returns evaluated data."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import alignment
from .diffing import TextDiff, diff_texts, texts_equal
from .models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Party,
    Plan,
    Position,
    Source,
)

# ------------------------------------------------------------------ shared pieces

_sources = Prefetch("sources", queryset=Source.objects.order_by("reliability", "title"))
_positions_with_sources = Prefetch(
    "positions",
    queryset=Position.objects.select_related("party").prefetch_related(_sources),
)


def latest_stance_by_party(positions) -> list[Position]:
    """Each party's most recent position, in party-name order."""
    latest: dict[int, Position] = {}
    for position in sorted(positions, key=lambda p: (p.stated_on is not None, p.stated_on, p.pk)):
        latest[position.party_id] = position
    return sorted(latest.values(), key=lambda p: p.party.name)


def _plan(slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def _draft(plan_slug: str, draft_slug: str, viewer) -> Draft:
    return get_object_or_404(
        Draft.objects.visible_to(viewer).select_related("plan"),
        plan__slug=plan_slug,
        slug=draft_slug,
    )


def _visible_positions(viewer):
    if viewer is not None and viewer.is_staff:
        return Position.objects.all()
    published = Draft.EditorialState.PUBLISHED
    return Position.objects.filter(
        Q(draft__editorial_state=published) | Q(clause_version__draft__editorial_state=published)
    )


def _visible_versions(viewer):
    if viewer is not None and viewer.is_staff:
        return ClauseVersion.objects.all()
    return ClauseVersion.objects.filter(draft__editorial_state=Draft.EditorialState.PUBLISHED)


# ------------------------------------------------------------------ home


def home_page(viewer=None) -> list[Plan]:
    drafts = Draft.objects.visible_to(viewer).order_by("sequence").prefetch_related("authors")
    return list(Plan.objects.prefetch_related(Prefetch("drafts", queryset=drafts)))


# ------------------------------------------------------------------ plan: the clause matrix


@dataclass
class MatrixCell:
    draft: Draft
    version: ClauseVersion | None
    status: str  # added, changed, unchanged, unknown, dropped, not-reported, or "" (absent)
    stances: list[Position] = field(default_factory=list)


@dataclass
class MatrixRow:
    clause: Clause
    cells: list[MatrixCell]


@dataclass
class PlanPage:
    plan: Plan
    drafts: list[Draft]
    rows: list[MatrixRow]


def plan_page(plan_slug: str, viewer=None) -> PlanPage:
    plan = _plan(plan_slug)
    drafts = list(
        plan.drafts.visible_to(viewer)
        .order_by("sequence")
        .prefetch_related("authors", "dropped_clauses")
    )
    for draft in drafts:
        draft.dropped_clause_ids = {clause.id for clause in draft.dropped_clauses.all()}
    versions = list(
        _visible_versions(viewer)
        .filter(draft__plan=plan)
        .select_related("clause")
        .only(
            "id",
            "draft_id",
            "label",
            "position",
            "text",
            "basis",
            "disputed",
            "clause__id",
            "clause__slug",
            "clause__title",
            "clause__topic",
            "clause__plan_id",
        )
    )
    stances = defaultdict(list)
    for position in (
        _visible_positions(viewer).filter(clause_version__draft__plan=plan).select_related("party")
    ):
        stances[position.clause_version_id].append(position)

    by_clause: dict[int, dict[int, ClauseVersion]] = defaultdict(dict)
    clauses: dict[int, Clause] = {}
    for version in versions:
        by_clause[version.clause_id][version.draft_id] = version
        clauses[version.clause_id] = version.clause
    sequence = {draft.id: draft.sequence for draft in drafts}
    first_seen = {
        clause_id: min((sequence[d], by_draft[d].position) for d in by_draft)
        for clause_id, by_draft in by_clause.items()
    }

    rows = []
    for clause_id in sorted(by_clause, key=first_seen.__getitem__):
        rows.append(
            MatrixRow(
                clauses[clause_id], _matrix_cells(drafts, by_clause[clause_id], clause_id, stances)
            )
        )
    return PlanPage(plan, drafts, rows)


def _matrix_cells(drafts, versions_by_draft, clause_id, stances) -> list[MatrixCell]:
    cells, previous, alive = [], None, False
    for draft in drafts:
        version = versions_by_draft.get(draft.id)
        if version is None:
            dropped_here = clause_id in draft.dropped_clause_ids
            if alive and (dropped_here or draft.text_coverage == Draft.Coverage.COMPLETE):
                status, alive = "dropped", False
            elif alive and draft.text_coverage == Draft.Coverage.PARTIAL:
                status = "not-reported"
            else:
                status = ""
            cells.append(MatrixCell(draft, None, status))
            continue
        if not version.text_is_known:
            status = "unknown"
        elif previous is None:
            status = "added"
        else:
            status = "unchanged" if texts_equal(previous.text, version.text) else "changed"
        if version.text_is_known:
            previous = version
        alive = True
        cells.append(
            MatrixCell(draft, version, status, latest_stance_by_party(stances[version.id]))
        )
    return cells


# ------------------------------------------------------------------ draft


@dataclass
class DraftPage:
    draft: Draft
    versions: list[ClauseVersion]
    positions: list[Position]  # on the draft as a whole
    stances: dict[int, list[Position]]  # clause version id -> each party's latest
    revisions: list[Draft]
    drafts: list[Draft]  # the plan's drafts, for navigation


def draft_page(plan_slug: str, draft_slug: str, viewer=None) -> DraftPage:
    draft = _draft(plan_slug, draft_slug, viewer)
    versions = list(
        draft.clause_versions.select_related("clause")
        .prefetch_related(
            _sources,
            _positions_with_sources,
            Prefetch("derived_from", queryset=_visible_versions(viewer).select_related("draft")),
        )
        .order_by("position", "label")
    )
    positions = list(
        draft.positions.select_related("party")
        .prefetch_related(_sources)
        .order_by("stated_on", "pk")
    )
    drafts = list(
        Draft.objects.visible_to(viewer)
        .filter(plan_id=draft.plan_id)
        .order_by("sequence")
        .prefetch_related("authors", "derived_from", _sources)
    )
    this = next(d for d in drafts if d.pk == draft.pk)
    this.plan = draft.plan
    return DraftPage(
        draft=this,
        versions=versions,
        positions=positions,
        stances={v.id: latest_stance_by_party(v.positions.all()) for v in versions},
        revisions=[d for d in drafts if draft.pk in {p.pk for p in d.derived_from.all()}],
        drafts=drafts,
    )


# ------------------------------------------------------------------ compare two drafts


@dataclass
class ComparedRow:
    row: alignment.Row
    left: list[ClauseVersion]
    right: list[ClauseVersion]
    diff: TextDiff | None

    @property
    def clause(self) -> Clause:
        return (self.right or self.left)[0].clause


@dataclass
class ComparePage:
    plan: Plan
    left: Draft
    right: Draft
    rows: list[ComparedRow]
    counts: dict[str, int]
    drafts: list[Draft]


def parse_compare_spec(spec: str) -> tuple[str, str]:
    """'a...b' -> ('a', 'b'); ValueError for anything else."""
    left, sep, right = spec.partition("...")
    if not sep or not left or not right or "..." in right:
        raise ValueError("expected <draft>...<draft>")
    return left, right


def compare_page(plan_slug: str, left_slug: str, right_slug: str, viewer=None) -> ComparePage:
    plan = _plan(plan_slug)
    drafts = list(
        plan.drafts.visible_to(viewer).order_by("sequence").prefetch_related("dropped_clauses")
    )
    by_slug = {d.slug: d for d in drafts}
    if left_slug not in by_slug or right_slug not in by_slug:
        raise Http404("No such draft in this plan")
    left, right = by_slug[left_slug], by_slug[right_slug]
    versions = list(ClauseVersion.objects.filter(draft__in=[left, right]).select_related("clause"))
    links = list(
        ClauseDerivation.objects.filter(child__draft__plan=plan).values_list(
            "child__clause_id", "parent__clause_id"
        )
    )
    by_id = {v.id: v for v in versions}

    def items(draft):
        return [
            alignment.Item(v.id, v.clause_id, v.label, v.position, v.text, v.text_is_known)
            for v in versions
            if v.draft_id == draft.id
        ]

    rows = alignment.align(
        items(left),
        items(right),
        links=links,
        left_partial=left.text_coverage != Draft.Coverage.COMPLETE,
        right_partial=right.text_coverage != Draft.Coverage.COMPLETE,
        right_dropped=frozenset(c.id for c in right.dropped_clauses.all()),
    )
    compared = []
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
        counts["renumbered"] += row.renumbered
        counts["moved"] += row.moved
        old = "\n\n".join(i.text for i in row.left)
        new = "\n\n".join(i.text for i in row.right)
        diff = diff_texts(old, new) if row.status in {"changed", "split", "merged"} else None
        compared.append(
            ComparedRow(
                row, [by_id[i.key] for i in row.left], [by_id[i.key] for i in row.right], diff
            )
        )
    return ComparePage(plan, left, right, compared, dict(counts), drafts)


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
        Clause.objects.select_related("plan"), plan__slug=plan_slug, slug=clause_slug
    )
    versions = list(
        _visible_versions(viewer)
        .filter(clause=clause)
        .select_related("draft")
        .prefetch_related(_sources, _positions_with_sources)
        .order_by("draft__sequence")
    )
    drafts = list(clause.plan.drafts.visible_to(viewer).order_by("sequence"))
    related = list(
        _visible_versions(viewer)
        .filter(Q(successors__clause=clause) | Q(derived_from__clause=clause))
        .exclude(clause=clause)
        .select_related("draft", "clause")
        .distinct()
    )
    return ClausePage(clause, _columns(versions), drafts, related)


# ------------------------------------------------------------------ one clause in one draft


@dataclass
class Revision:
    number: int
    record: object  # a HistoricalClauseVersion
    differs_from_previous: bool


@dataclass
class ClauseVersionPage:
    version: ClauseVersion
    stances: list[Position]
    positions: list[Position]
    previous: ClauseVersion | None
    next: ClauseVersion | None
    diff_previous: TextDiff | None
    diff_next: TextDiff | None
    others: list[ClauseVersion]
    revisions: list[Revision]


def find_clause_version(
    plan_slug: str, draft_slug: str, label: str, viewer=None
) -> ClauseVersion | str:
    """The version at that label, or the label it now has (str) if an editor renamed it."""
    draft = _draft(plan_slug, draft_slug, viewer)
    version = (
        ClauseVersion.objects.filter(draft=draft, label=label)
        .select_related("draft__plan", "clause")
        .first()
    )
    if version is not None:
        return version
    former = (
        ClauseVersion.history.filter(draft_id=draft.id, label=label)
        .order_by("-history_date")
        .first()
    )
    if former is not None:
        current = ClauseVersion.objects.filter(pk=former.id).values_list("label", flat=True).first()
        if current is not None:
            return current
    raise Http404("No such clause in this draft")


def revisions_of(version: ClauseVersion) -> list[Revision]:
    records = list(
        version.history.select_related("history_user").order_by("history_date", "history_id")
    )
    revisions, previous = [], None
    for number, record in enumerate(records, start=1):
        changed = previous is None or any(
            getattr(record, name) != getattr(previous, name)
            for name in ("text", "heading", "label", "basis")
        )
        revisions.append(Revision(number, record, changed))
        previous = record
    return revisions


def clause_version_page(version: ClauseVersion, viewer=None) -> ClauseVersionPage:
    others = list(
        _visible_versions(viewer)
        .filter(clause_id=version.clause_id)
        .select_related("draft")
        .order_by("draft__sequence")
    )
    index = next(i for i, v in enumerate(others) if v.pk == version.pk)
    known_before = [v for v in others[:index] if v.text_is_known]
    known_after = [v for v in others[index + 1 :] if v.text_is_known]
    previous = known_before[-1] if known_before else None
    following = known_after[0] if known_after else None
    positions = list(
        version.positions.select_related("party")
        .prefetch_related(_sources)
        .order_by("stated_on", "pk")
    )
    version.cited = list(version.sources.order_by("reliability", "title"))
    visible = _visible_versions(viewer).select_related("draft")
    version.parents = list(visible.filter(successors=version))
    version.children = list(visible.filter(derived_from=version))
    known = version.text_is_known
    return ClauseVersionPage(
        version=version,
        stances=latest_stance_by_party(positions),
        positions=positions,
        previous=previous,
        next=following,
        diff_previous=diff_texts(previous.text, version.text) if previous and known else None,
        diff_next=diff_texts(version.text, following.text) if following and known else None,
        others=others,
        revisions=revisions_of(version),
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


# ------------------------------------------------------------------ party


@dataclass
class PartyPage:
    party: Party
    by_draft: list[tuple[Draft, list[Position]]]


def party_page(party_slug: str, viewer=None) -> PartyPage:
    party = get_object_or_404(Party, slug=party_slug)
    positions = list(
        _visible_positions(viewer)
        .filter(party=party)
        .select_related("draft__plan", "clause_version__draft__plan", "clause_version__clause")
        .prefetch_related(_sources)
    )
    grouped: dict[int, list[Position]] = defaultdict(list)
    drafts: dict[int, Draft] = {}
    for position in positions:
        draft = position.target_draft
        drafts[draft.id] = draft
        grouped[draft.id].append(position)
    order = sorted(drafts.values(), key=lambda d: (d.plan.title, d.sequence))

    def reading_order(position: Position) -> tuple:
        on_clause = position.clause_version.position if position.clause_version else 0
        return (on_clause, position.stated_on or date.min, position.pk)

    return PartyPage(party, [(d, sorted(grouped[d.id], key=reading_order)) for d in order])


# ------------------------------------------------------------------ draft history


@dataclass
class HistoryEntry:
    kind: str  # "draft", "clause", "position"
    record: object
    previous: object | None
    diff: TextDiff | None
    label: str


@dataclass
class DraftHistoryPage:
    draft: Draft
    entries: list[HistoryEntry]


def _paired(records, kind: str, describe) -> list[HistoryEntry]:
    """Pair each revision with the one before it for the same row, in memory."""
    entries, last_by_row = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = last_by_row.get(record.id)
        diff = None
        text = (
            getattr(record, "text", None) if kind == "clause" else getattr(record, "summary", None)
        )
        if text is not None and previous is not None:
            old = getattr(previous, "text", None) if kind == "clause" else previous.summary
            if not texts_equal(old, text):
                diff = diff_texts(old, text)
        entries.append(HistoryEntry(kind, record, previous, diff, describe(record)))
        last_by_row[record.id] = record
    return entries


def draft_history_page(plan_slug: str, draft_slug: str, viewer=None) -> DraftHistoryPage:
    draft = _draft(plan_slug, draft_slug, viewer)
    draft_records = draft.history.select_related("history_user")
    clause_records = list(
        ClauseVersion.history.filter(draft_id=draft.id).select_related("history_user")
    )
    version_ids = {r.id for r in clause_records}
    position_records = Position.history.filter(
        Q(draft_id=draft.id) | Q(clause_version_id__in=version_ids)
    ).select_related("history_user")
    parties = {p.id: p for p in Party.objects.all()}
    labels = {r.id: r.label for r in clause_records}

    def describe_position(record):
        party = parties.get(record.party_id)
        where = (
            f"§{labels.get(record.clause_version_id, '?')}"
            if record.clause_version_id
            else "the draft"
        )
        return f"{party.name if party else 'A party'} on {where}"

    entries = (
        _paired(draft_records, "draft", lambda r: r.title)
        + _paired(clause_records, "clause", lambda r: f"§{r.label}")
        + _paired(position_records, "position", describe_position)
    )
    entries.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    return DraftHistoryPage(draft, entries)
