"""Two drafts compared, row by row along the clauses' lineage."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from .. import alignment
from ..diffing import TextDiff, diff_texts
from ..models import (
    Basis,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Party,
    Plan,
    Position,
)
from ..vocabulary import REAL_CHANGES, Change
from .common import (
    Pager,
    Reverser,
    _plan,
    clause_version_url,
    latest_stance_by_party,
    pager,
)

clause_url = Reverser("clause")

# ------------------------------------------------------------------ compare two drafts


@dataclass
class StanceChange:
    party: Party
    before: Position | None
    after: Position | None


@dataclass(slots=True)
class ComparedClause:
    id: int
    slug: str
    title: str


_BASIS_LABELS = dict(Basis.choices)


@dataclass(slots=True)
class ComparedVersion:
    """What the compare page shows of a clause version: read as a plain row, since a
    comparison of two long drafts reads a thousand of them and renders a hundred."""

    id: int
    draft_id: int
    clause_id: int
    label: str
    position: int
    text: str
    basis: str
    disputed: bool
    dispute_note: str
    clause: ComparedClause
    url: str = ""  # set for the rows a page shows

    @property
    def text_is_known(self) -> bool:
        return self.basis != Basis.UNKNOWN

    def get_basis_display(self) -> str:
        return _BASIS_LABELS.get(self.basis, self.basis)


@dataclass
class ComparedRow:
    row: alignment.Row
    left: list[ComparedVersion]
    right: list[ComparedVersion]
    diff: TextDiff | None
    not_in_draft: bool = False  # "removed" only because the right-hand draft lacks it
    left_stances: list[Position] = field(default_factory=list)
    right_stances: list[Position] = field(default_factory=list)
    stance_changes: list[StanceChange] = field(default_factory=list)
    page: int = 1  # the page of the rows shown that holds this row (the change list links it)
    url: str = ""  # the clause's page; set for the rows a page shows

    @property
    def clause(self) -> ComparedClause:
        return (self.right or self.left)[0].clause

    @property
    def kind(self) -> str:
        return Change.NOT_IN_DRAFT if self.not_in_draft else self.row.kind

    @property
    def anchor(self) -> str:
        return f"c-{self.clause.slug}"

    @property
    def name(self) -> str:
        """How the change list names the row: "§15+§16 Army size" (the later draft's labels)."""
        labels = "+".join(f"§{v.label}" for v in self.right or self.left)
        return f"{labels} {self.clause.title}"

    @property
    def is_change(self) -> bool:
        return self.kind in REAL_CHANGES


@dataclass
class KindCount:
    kind: str
    label: str
    count: int
    shown: bool
    rows: list[ComparedRow]
    # The change list's links to these rows, when they are changes shown: (separator, href,
    # name); a row on another page is linked through that page.
    links: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def is_change(self) -> bool:
        return self.kind in REAL_CHANGES


@dataclass
class ComparePage:
    plan: Plan
    left: Draft
    right: Draft
    rows: list[ComparedRow]  # only the rows of the kinds shown
    kinds: list[KindCount]  # every kind present, with its count: the counts add up to all rows
    total: int
    drafts: list[Draft]
    shown: frozenset[str] = frozenset()
    left_positions: list[Position] = field(default_factory=list)  # on the drafts as a whole
    right_positions: list[Position] = field(default_factory=list)
    unavailable: bool = False  # one side is a mentioned item or a companion document
    pager: Pager = field(default_factory=lambda: Pager(1, 1, 0))  # over the rows of kinds shown
    selected: list[ComparedRow] = field(default_factory=list)  # rows of kinds shown, every page
    # The changes just before and just after this page, for next/previous change across pages.
    change_before: ComparedRow | None = None
    change_after: ComparedRow | None = None

    @property
    def filtered(self) -> bool:
        return len(self.selected) != self.total

    @property
    def first_row(self) -> int:
        """The number (from 1) of the first row on this page among the rows shown."""
        return (self.pager.number - 1) * COMPARE_ROWS_PER_PAGE + 1 if self.rows else 0

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1 if self.rows else 0

    @property
    def counts(self) -> dict[str, int]:
        """Rows of each kind; every row has exactly one kind, so these add up to the total."""
        return {k.kind: k.count for k in self.kinds}

    @property
    def shown_kinds(self) -> list[KindCount]:
        return [k for k in self.kinds if k.shown]

    @property
    def hidden_kinds(self) -> list[KindCount]:
        return [k for k in self.kinds if not k.shown]

    @property
    def changes(self) -> list[ComparedRow]:
        """Every real change among the rows shown, on this page or another."""
        return [row for row in self.selected if row.kind in REAL_CHANGES]


def parse_compare_spec(spec: str) -> tuple[str, str]:
    """'a...b' -> ('a', 'b'); ValueError for anything else."""
    left, sep, right = spec.partition("...")
    if not sep or not left or not right or "..." in right:
        raise ValueError("expected <draft>...<draft>")
    return left, right


def parse_compare_kinds(values: list[str], changes_only: bool = False) -> frozenset[str]:
    """The kinds of row to show, from ?show=changed&show=added (or ?show=changes, or the old
    ?changes=only); ValueError for an unknown kind. Empty means every row."""
    kinds: set[str] = set()
    for value in values:
        if value == "changes":
            kinds.update(REAL_CHANGES)
        elif value == "all":
            return frozenset()
        elif value in Change.values and value != Change.ABSENT:
            kinds.add(value)
        else:
            raise ValueError(f"unknown kind of change: {value[:40]!r}")
    if changes_only:
        kinds.update(REAL_CHANGES)
    return frozenset(kinds)


def _stance_changes(before: list[Position], after: list[Position]) -> list[StanceChange]:
    """Parties whose stance on the later clause differs from their stance on the earlier one.
    A stance not restated on the later draft is no change: the record is only silent."""
    old = {p.party_id: p for p in before}
    return [
        StanceChange(position.party, old.get(position.party_id), position)
        for position in after
        if position.party_id not in old or old[position.party_id].stance != position.stance
    ]


COMPARE_ROWS_PER_PAGE = 100


def compare_page(
    plan_slug: str,
    left_slug: str,
    right_slug: str,
    viewer=None,
    shown: frozenset[str] = frozenset(),
    *,
    page: int | None = None,
    page_link: str = "?page=",
) -> ComparePage:
    """Two drafts row by row. Every row is aligned and counted (the counts and the change list
    cover the whole comparison), but with `page` only COMPARE_ROWS_PER_PAGE rows of the kinds
    shown are diffed, given stances and rendered. Without `page` (the API), every row.
    `page_link`: how a link to another page of rows begins (the page number follows)."""
    plan = _plan(plan_slug)
    every = list(
        plan.drafts.visible_to(viewer).order_by("sequence").prefetch_related("dropped_clauses")
    )
    by_slug = {d.slug: d for d in every}
    if left_slug not in by_slug or right_slug not in by_slug:
        raise Http404("No such draft in this plan")
    left, right = by_slug[left_slug], by_slug[right_slug]
    drafts = [d for d in every if d.has_columns]  # the picker offers drafts of the plan only
    if not (left.has_columns and right.has_columns):
        # A mentioned item has no text and a companion is no revision: nothing to set side by
        # side, and a page of blanks would suggest otherwise.
        if page not in (None, 1):
            raise Http404("No such page")
        return ComparePage(plan, left, right, [], [], 0, drafts, unavailable=True)
    clauses: dict[int, ComparedClause] = {}
    versions = [
        ComparedVersion(
            *row[:9],
            clauses.get(row[2]) or clauses.setdefault(row[2], ComparedClause(row[2], *row[9:])),
        )
        for row in ClauseVersion.objects.filter(draft__in=[left, right]).values_list(
            "id",
            "draft_id",
            "clause_id",
            "label",
            "position",
            "text",
            "basis",
            "disputed",
            "dispute_note",
            "clause__slug",
            "clause__title",
        )
    ]
    # Only the splits and merges made between the two drafts join lineages: a clause split
    # earlier and dropped later is dropped here too, as on the matrix.
    low, high = sorted([left.sequence, right.sequence])
    between = [d.id for d in drafts if low <= d.sequence <= high]
    links = list(
        ClauseDerivation.objects.filter(
            child__draft__in=between,
            parent__draft__in=between,
            child__draft__sequence__gt=low,
            parent__draft__sequence__lt=high,
        ).values_list("child__clause_id", "parent__clause_id")
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
    by_kind: dict[str, list[ComparedRow]] = defaultdict(list)
    selected: list[ComparedRow] = []
    dropped = {c.id for c in right.dropped_clauses.all()}
    for row in rows:
        # Removed only in the sense that the right-hand draft lacks it: not reported removed.
        not_in_draft = row.status == "removed" and not {i.clause for i in row.left} & dropped
        item = ComparedRow(
            row,
            [by_id[i.key] for i in row.left],
            [by_id[i.key] for i in row.right],
            None,
            not_in_draft,
        )
        by_kind[item.kind].append(item)
        if not shown or item.kind in shown:
            item.page = len(selected) // COMPARE_ROWS_PER_PAGE + 1
            selected.append(item)
    if page is None:
        pages, on_page = Pager(1, 1, len(selected)), selected
    else:
        pages, window = pager(len(selected), page, COMPARE_ROWS_PER_PAGE)
        on_page = selected[window]

    # The stances on both drafts as a whole and on the clauses of the rows shown, in one query.
    shown_ids = [v.id for item in on_page for v in (*item.left, *item.right)]
    on_version: dict[int, list[Position]] = defaultdict(list)
    on_draft: dict[int, list[Position]] = defaultdict(list)
    for position in (
        Position.objects.visible_to(viewer)
        .filter(Q(clause_version_id__in=shown_ids) | Q(draft__in=[left, right]))
        .select_related("party")
    ):
        if position.clause_version_id:
            on_version[position.clause_version_id].append(position)
        else:
            on_draft[position.draft_id].append(position)

    def stances(versions_) -> list[Position]:
        return latest_stance_by_party([p for v in versions_ for p in on_version[v.id]])

    slugs = {left.id: left.slug, right.id: right.slug}
    for item in on_page:  # the costly part, for the rows a reader sees only
        item.url = clause_url(plan=plan.slug, clause=item.clause.slug)
        for version in (*item.left, *item.right):
            version.url = clause_version_url(
                plan=plan.slug, draft=slugs[version.draft_id], label=version.label
            )
        if item.row.status in {"changed", "split", "merged"}:
            old = "\n\n".join(i.text for i in item.row.left)
            new = "\n\n".join(i.text for i in item.row.right)
            item.diff = diff_texts(old, new)
        item.left_stances, item.right_stances = stances(item.left), stances(item.right)
        if item.left and item.right:
            item.stance_changes = _stance_changes(item.left_stances, item.right_stances)
    kinds = [
        KindCount(c.value, c.label, len(by_kind[c]), not shown or c in shown, by_kind[c])
        for c in Change
        if by_kind[c]
    ]
    for kind in kinds:
        if kind.shown and kind.is_change:
            kind.links = [
                (
                    "; " if n else "",
                    (f"{page_link}{item.page}" if item.page != pages.number else "")
                    + f"#{item.anchor}",
                    item.name,
                )
                for n, item in enumerate(kind.rows)
            ]
    changes = [i for i, item in enumerate(selected) if item.is_change]
    first = (pages.number - 1) * COMPARE_ROWS_PER_PAGE
    before = [i for i in changes if i < first]
    after = [i for i in changes if i >= first + len(on_page)]
    return ComparePage(
        plan=plan,
        left=left,
        right=right,
        rows=on_page,
        kinds=kinds,
        total=len(rows),
        drafts=drafts,
        shown=shown,
        left_positions=latest_stance_by_party(on_draft[left.id]),
        right_positions=latest_stance_by_party(on_draft[right.id]),
        pager=pages,
        selected=selected,
        change_before=selected[before[-1]] if before and page is not None else None,
        change_after=selected[after[0]] if after and page is not None else None,
    )
