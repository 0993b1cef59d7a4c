"""The home page and a plan's page: its time line, stance map and clause matrix."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from .. import pictures
from ..diffing import texts_equal
from ..models import (
    Basis,
    ClauseVersion,
    Draft,
    Party,
    Plan,
    Position,
    Topic,
)
from ..timeline import TimelineEntry, events_of, point_counts_for
from ..timeline import timeline as build_timeline
from ..vocabulary import Change, coverage_note
from ..vocabulary import label as change_label
from .common import (
    Pager,
    Reverser,
    _plan,
    latest_stance_by_party,
    pager,
)

# ------------------------------------------------------------------ plan: the clause matrix


STATUS_TEXT = {"not-reported": "not reported", "unknown": "text not known"}


_TOPIC_LABELS = dict(Topic.choices)


@dataclass(slots=True)
class MatrixClause:
    """A clause as the matrix shows it: read as a plain row (a page reads up to 2,000
    versions of up to 100 clauses: model instances cost more than the rest of the read)."""

    id: int
    slug: str
    title: str
    topic: str
    url: str = ""

    def get_topic_display(self) -> str:
        return _TOPIC_LABELS.get(self.topic, self.topic)


@dataclass(slots=True)
class MatrixVersion:
    id: int
    draft_id: int
    clause_id: int
    label: str
    position: int
    text: str
    basis: str
    disputed: bool
    clause: MatrixClause

    @property
    def text_is_known(self) -> bool:
        return self.basis != Basis.UNKNOWN


@dataclass
class MatrixCell:
    draft: Draft
    version: MatrixVersion | None
    status: str  # a vocabulary.Change
    stances: list[Position] = field(default_factory=list)
    # Dropped only in the sense that a fully known draft lacks it: no report says it was
    # removed, so readers are told "not in this draft", not that it was rejected.
    not_in_draft: bool = False
    url: str = ""  # the version's page: built once per draft, not reversed per cell
    # What the cell shows, as plain attributes: the template reads them 2,000 times a page,
    # and each step of a dotted lookup costs about as much as the rest of the cell.
    number: str = field(init=False, default="")  # the version's label
    disputed: bool = field(init=False, default=False)
    absent: bool = field(init=False, default=False)
    label: str = field(init=False, default="")  # the reader's word for the status

    def __post_init__(self) -> None:
        if self.version is not None:
            self.number, self.disputed = self.version.label, self.version.disputed
        self.absent = self.status == Change.ABSENT
        self.label = change_label(self.status)

    @property
    def status_text(self) -> str:
        if self.not_in_draft and self.status != "not-reported":
            return "not in this draft"
        return STATUS_TEXT.get(self.status, self.status)


@dataclass
class MatrixRow:
    clause: MatrixClause
    cells: list[MatrixCell]


clause_url = Reverser("clause")

# ------------------------------------------------------------------ home

draft_url = Reverser("draft")


HOME_PLANS_PER_PAGE = 10
HOME_DRAFTS = 6  # the latest drafts of each plan; the plan page's time line has every one


@dataclass
class HomeDraft:
    draft: Draft
    url: str
    authors: list[str]  # the names of its authors


@dataclass
class HomePlan:
    plan: Plan
    drafts: list[Draft]  # its latest HOME_DRAFTS drafts, in sequence order
    draft_count: int  # every draft of the plan the reader may see
    lines: list[HomeDraft] = field(default_factory=list)  # the same drafts, as listed

    @property
    def more(self) -> int:
        return self.draft_count - len(self.drafts)


@dataclass
class HomePage:
    plans: list[HomePlan]
    pager: Pager


def home_page(viewer=None, *, page: int = 1) -> HomePage:
    """HOME_PLANS_PER_PAGE plans a page, each with its latest HOME_DRAFTS drafts and the count of
    all: the same four queries and at most 60 drafts, however large the record grows."""
    visible = Draft.objects.visible_to(viewer)
    counts = (
        visible.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    latest = visible.prefetch_related(Prefetch("authors", to_attr="author_list")).order_by(
        "-sequence"
    )[:HOME_DRAFTS]
    pages, window = pager(Plan.objects.count(), page, HOME_PLANS_PER_PAGE)
    plans = list(
        Plan.objects.annotate(draft_count=Coalesce(Subquery(counts), 0)).prefetch_related(
            Prefetch("drafts", queryset=latest, to_attr="latest_drafts")
        )[window]
    )
    entries = []
    for plan in plans:
        drafts = plan.latest_drafts[::-1]
        lines = [
            HomeDraft(d, draft_url(plan=plan.slug, draft=d.slug), [a.name for a in d.author_list])
            for d in drafts
        ]
        entries.append(HomePlan(plan, drafts, plan.draft_count, lines))
    return HomePage(entries, pages)


@dataclass
class MatrixFilter:
    """?party=russia&stance=objects&topic=military: rows where that party takes that stance."""

    party: str = ""
    stance: str = ""
    topic: str = ""

    @property
    def active(self) -> bool:
        return bool(self.party or self.stance or self.topic)

    def keeps(self, row: MatrixRow) -> bool:
        if self.topic and row.clause.topic != self.topic:
            return False
        if not (self.party or self.stance):
            return True
        return any(
            (not self.party or p.party.slug == self.party)
            and (not self.stance or p.stance == self.stance)
            for cell in row.cells
            for p in cell.stances
        )


def parse_matrix_filter(query) -> MatrixFilter:
    """From request.GET; ValueError for a stance or topic that does not exist."""
    from ..models import Stance, Topic

    chosen = MatrixFilter(
        party=query.get("party", "")[:50],
        stance=query.get("stance", ""),
        topic=query.get("topic", ""),
    )
    if chosen.stance and chosen.stance not in Stance.values:
        raise ValueError("unknown stance")
    if chosen.topic and chosen.topic not in Topic.values:
        raise ValueError("unknown topic")
    return chosen


@dataclass
class DraftColumn:
    draft: Draft
    stances: list[Position]  # on the draft as a whole, each party's latest
    unknown: int = 0  # clauses listed whose text is not known

    @property
    def coverage(self) -> str:
        return coverage_note(self.draft, self.unknown)


@dataclass
class PlanPage:
    plan: Plan
    drafts: list[Draft]  # the matrix's columns: drafts of the plan, not mentions or companions
    rows: list[MatrixRow]  # the rows the filter keeps
    compare_pair: tuple[Draft, Draft] | None  # the picker's default: the last two drafts
    pager: Pager
    timeline: list[TimelineEntry] = field(default_factory=list)
    mentioned: list[Draft] = field(default_factory=list)  # known to exist, no text
    companions: list[Draft] = field(default_factory=list)
    point_counts: dict[int, list] = field(default_factory=dict)  # draft id -> as reported
    columns: list[DraftColumn] = field(default_factory=list)
    total_rows: int = 0
    filter: MatrixFilter = field(default_factory=MatrixFilter)
    parties: list[Party] = field(default_factory=list)  # parties with a recorded stance
    timeline_picture: object = None  # pictures.Timeline: the SVG of `timeline`
    stance_map: object = None  # pictures.StanceMap


MATRIX_ROWS_PER_PAGE = 100


def plan_page(
    plan_slug: str, viewer=None, chosen: MatrixFilter | None = None, *, page: int | None = None
) -> PlanPage:
    """The clause matrix in reading order, filtered by `chosen`. With `page`,
    MATRIX_ROWS_PER_PAGE clauses a page: unfiltered, the order comes from one narrow query over
    the plan's versions and texts and stances are loaded only for the page's rows; filtered, the
    rows the filter keeps are paged. Without `page` (the exports, the API), every row."""
    chosen = chosen or MatrixFilter()
    plan = _plan(plan_slug)
    every = list(
        plan.drafts.visible_to(viewer)
        .order_by("sequence")
        .annotate(
            recorded_clauses=Count("clause_versions"),
            unknown_clauses=Count(
                "clause_versions", filter=Q(clause_versions__basis=Basis.UNKNOWN)
            ),
        )
        .prefetch_related(
            "authors",
            "dropped_clauses",
            Prefetch("derived_from", queryset=Draft.objects.visible_to(viewer).only("id")),
        )
    )
    # A mentioned draft has no text and a companion is no revision: neither is a column.
    drafts = [d for d in every if d.has_columns]
    dropped = {draft.id: {clause.id for clause in draft.dropped_clauses.all()} for draft in drafts}
    visible = (
        ClauseVersion.objects.visible_to(viewer)
        .filter(draft__plan=plan, draft__kind=Draft.Kind.DRAFT)
        .order_by()
    )
    sequence = {draft.id: draft.sequence for draft in drafts}

    def reading_order(rows) -> list[int]:
        first_seen: dict[int, tuple[int, int]] = {}
        for clause_id, draft_id, position in rows:
            seen = (sequence[draft_id], position)
            if clause_id not in first_seen or seen < first_seen[clause_id]:
                first_seen[clause_id] = seen
        return sorted(first_seen, key=first_seen.__getitem__)

    if page is not None and not chosen.active:
        ordered = reading_order(visible.values_list("clause_id", "draft_id", "position"))
        pages, window = pager(len(ordered), page, MATRIX_ROWS_PER_PAGE)
        shown = ordered[window]
        visible_rows = visible.filter(clause_id__in=shown)
        on_clauses = Q(clause_version__draft__plan=plan, clause_version__clause_id__in=shown)
    else:
        visible_rows = visible
        on_clauses = Q(clause_version__draft__plan=plan)
    # The stances on the rows shown and on the drafts as a whole, in one query: a UNION of
    # two index lookups from the plan's drafts. An OR of the two joins read every position and
    # every clause version of the record (78-123 ms -> 5-11 ms on PostgreSQL at 100x).
    positions = Position.objects.visible_to(viewer).filter(
        pk__in=Position.objects.filter(on_clauses)
        .values("pk")
        .union(Position.objects.filter(draft__plan=plan).values("pk"))
    )

    clauses: dict[int, MatrixClause] = {}
    versions = [
        MatrixVersion(
            *row[:8],
            clauses.get(row[2]) or clauses.setdefault(row[2], MatrixClause(row[2], *row[8:])),
        )
        for row in visible_rows.values_list(
            "id",
            "draft_id",
            "clause_id",
            "label",
            "position",
            "text",
            "basis",
            "disputed",
            "clause__slug",
            "clause__title",
            "clause__topic",
        )
    ]
    stances = defaultdict(list)
    on_draft = defaultdict(list)
    for position in positions.select_related("party").order_by():
        if position.clause_version_id:
            stances[position.clause_version_id].append(position)
        else:
            on_draft[position.draft_id].append(position)

    if page is None or chosen.active:
        shown = reading_order((v.clause_id, v.draft_id, v.position) for v in versions)
        pages = Pager(1, 1, len(shown))
    by_clause: dict[int, dict[int, MatrixVersion]] = defaultdict(dict)
    for version in versions:
        by_clause[version.clause_id][version.draft_id] = version
    # A version's URL is its draft's plus "clauses/<label>/": one reverse() per draft.
    prefixes = {d.id: reverse("draft", kwargs={"plan": plan.slug, "draft": d.slug}) for d in drafts}
    rows = [
        MatrixRow(
            clauses[clause_id],
            _matrix_cells(drafts, by_clause[clause_id], clause_id, stances, dropped, prefixes),
        )
        for clause_id in shown
    ]
    kept = [row for row in rows if chosen.keeps(row)]
    if page is not None and chosen.active:
        pages, window = pager(len(kept), page, MATRIX_ROWS_PER_PAGE)
        kept = kept[window]
    elif chosen.active:
        pages = Pager(1, 1, len(kept))
    for row in kept:
        row.clause.url = clause_url(plan=plan.slug, clause=row.clause.slug)
    columns = [
        DraftColumn(d, latest_stance_by_party(on_draft[d.id]), d.unknown_clauses) for d in drafts
    ]
    parties = sorted(
        {
            p.party_id: p.party for ps in (*stances.values(), *on_draft.values()) for p in ps
        }.values(),
        key=lambda party: party.name,
    )
    pair = (drafts[-2], drafts[-1]) if len(drafts) >= 2 else None
    events = events_of(plan, viewer)
    for event in events:
        event.plan = plan  # the plan already loaded: its URL costs no query per event
    return PlanPage(
        plan,
        drafts,
        kept,
        pair,
        pages,
        timeline=build_timeline(every, events),
        mentioned=[d for d in every if d.is_mentioned],
        companions=[d for d in every if d.is_companion],
        point_counts=point_counts_for(every),
        columns=columns,
        total_rows=len(rows) if chosen.active else pages.total,
        filter=chosen,
        parties=parties,
        timeline_picture=pictures.timeline(plan, every, events),
        stance_map=pictures.stance_map(parties, columns, rows),
    )


def _matrix_cells(
    drafts, versions_by_draft, clause_id, stances, dropped, prefixes
) -> list[MatrixCell]:
    cells, previous, alive = [], None, False
    for draft in drafts:
        version = versions_by_draft.get(draft.id)
        if version is None:
            dropped_here = clause_id in dropped[draft.id]
            if alive and (dropped_here or draft.text_coverage == Draft.Coverage.COMPLETE):
                status = Change.REMOVED if dropped_here else Change.NOT_IN_DRAFT
                alive = False
                cells.append(MatrixCell(draft, None, status, not_in_draft=not dropped_here))
                continue
            elif alive and draft.text_coverage == Draft.Coverage.PARTIAL:
                status = Change.NOT_REPORTED
            else:
                status = Change.ABSENT
            cells.append(MatrixCell(draft, None, status))
            continue
        if not version.text_is_known:
            status = Change.UNKNOWN
        elif previous is None:
            status = Change.ADDED
        else:
            status = (
                Change.UNCHANGED
                if texts_equal(previous.text, version.text, ignore_whitespace=True)
                else Change.CHANGED
            )
        if version.text_is_known:
            previous = version
        alive = True
        url = f"{prefixes[draft.id]}clauses/{version.label}/"
        cells.append(
            MatrixCell(draft, version, status, latest_stance_by_party(stances[version.id]), url)
        )
    return cells
