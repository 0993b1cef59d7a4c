"""The parties: the index, and each party's stances across drafts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db import router
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .. import pictures
from ..models import (
    Draft,
    Party,
    Plan,
    Position,
)
from .common import (
    Pager,
    Reverser,
    _sources,
    pager,
)

plan_url = Reverser("plan")  # a link per plan in the summary by plan

# ------------------------------------------------------------------ party

POSITIONS_PER_PAGE = 100
# Drafts a page's stance map and count table draw: a plan's full run of drafts in most plans,
# and a row a reader can take in; the summary by plan covers the rest.
MAP_DRAFTS = 20


@dataclass
class PlanStances:
    """One plan's line of the summary by plan: how many of its drafts the party took stances
    on, and how many stances of each kind (latest per clause, and per draft as a whole)."""

    slug: str
    title: str
    drafts: int
    per_stance: list[int]  # in the order of PartyPage.stances
    first_draft: str  # the slug of the first of those drafts, where the plan's positions begin
    first_page: int

    @property
    def total(self) -> int:
        return sum(self.per_stance)

    @property
    def url(self) -> str:
        return plan_url(plan=self.slug)


class _DraftRow(NamedTuple):
    """What the summary needs of each draft the party took stances on: no model instance for
    the hundreds of drafts a busy party's record spans."""

    id: int
    plan_id: int
    slug: str
    title: str
    sequence: int
    plan_slug: str
    plan_title: str


def _draft_of(row: _DraftRow, plans: dict[int, Plan]) -> Draft:
    """A Draft (and its Plan, one per plan) from the row, as the ORM makes deferred ones."""
    using = router.db_for_read(Draft)
    if row.plan_id not in plans:
        plans[row.plan_id] = Plan.from_db(
            using, ["id", "slug", "title"], [row.plan_id, row.plan_slug, row.plan_title]
        )
    draft = Draft.from_db(using, list(_DraftRow._fields[:5]), list(row[:5]))
    draft.plan = plans[row.plan_id]
    return draft


@dataclass
class PartyPage:
    party: Party
    by_draft: list[tuple[Draft, list[Position]]]  # this page's positions, by draft
    # This party's row across the drafts of the plans this page lists (at most MAP_DRAFTS of
    # them, around the page's own), counting all its positions on them.
    stance_map: pictures.StanceMap
    pager: Pager
    first_page: dict[int, int] = field(default_factory=dict)  # draft id -> page it starts on
    plans: list[PlanStances] = field(default_factory=list)  # every plan, in reading order
    stances: list[tuple[str, str]] = field(default_factory=list)  # (stance, label) recorded
    first_column: int = 0  # the number (from 0) of the map's first draft among all drafts
    draft_count: int = 0  # every draft the party took stances on
    earlier: Draft | None = None  # the draft just before the map's, and just after it
    later: Draft | None = None

    most = MAP_DRAFTS

    @property
    def map_drafts(self) -> list[Draft]:
        return self.stance_map.drafts

    @property
    def last_column(self) -> int:
        return self.first_column + len(self.map_drafts)

    @property
    def windowed(self) -> bool:
        return len(self.map_drafts) < self.draft_count

    @property
    def earlier_page(self) -> int | None:
        return self.first_page[self.earlier.id] if self.earlier else None

    @property
    def later_page(self) -> int | None:
        return self.first_page[self.later.id] if self.later else None

    @property
    def drafts(self) -> list[tuple[Draft, int]]:
        """The map's drafts, with the page where their positions begin."""
        return [(draft, self.first_page[draft.id]) for draft in self.stance_map.drafts]

    @property
    def stance_counts(self) -> list[tuple[str, str, list[int], int]]:
        """(stance, label, count per draft, total): the table behind the stance map."""
        from ..models import Stance

        row = self.stance_map.rows[0]
        table = []
        for value, label in Stance.choices:
            per_draft = [_cell_count(cell, value) for cell in row.cells]
            if any(per_draft):
                table.append((value, label, per_draft, sum(per_draft)))
        return table


def _cell_count(cell: pictures.StanceCell, stance: str) -> int:
    return (1 if cell.whole is not None and cell.whole.stance == stance else 0) + (
        cell.on_clauses.get(stance, 0)
    )


def _by_plan(order: list[_DraftRow], cells, first_page, stances) -> list[PlanStances]:
    lines: list[PlanStances] = []
    plan_id = None
    for draft, cell in zip(order, cells, strict=True):
        if draft.plan_id != plan_id:
            plan_id = draft.plan_id
            lines.append(
                PlanStances(
                    draft.plan_slug,
                    draft.plan_title,
                    0,
                    [0] * len(stances),
                    draft.slug,
                    first_page[draft.id],
                )
            )
        line = lines[-1]
        line.drafts += 1
        for n, (value, _) in enumerate(stances):
            line.per_stance[n] += _cell_count(cell, value)
    return lines


def party_page(party_slug: str, viewer=None, *, page: int = 1) -> PartyPage:
    """A party's positions, POSITIONS_PER_PAGE a page in reading order (plan, draft, clause,
    date). One narrow query of all its stances gives the order and the summary by plan; the
    stance map covers the drafts of the plans this page lists (at most MAP_DRAFTS); the
    positions themselves, with their sources, are loaded only for the page."""
    from ..models import Stance

    party = get_object_or_404(Party, slug=party_slug)
    labels = dict(Stance.choices)
    facts = (
        Position.objects.visible_to(viewer)
        .filter(party=party)
        .order_by()
        .annotate(target=Coalesce("clause_version__draft_id", "draft_id"))
        .values_list(
            "pk", "target", "clause_version_id", "clause_version__position", "stance", "stated_on"
        )
    )
    stated, on_clause = [], {}
    for pk, draft_id, version_id, at, stance, stated_on in facts:
        stated.append(
            pictures.Stated(draft_id, version_id, stance, labels.get(stance, stance), stated_on, pk)
        )
        on_clause[pk] = at or 0
    order = sorted(
        map(
            _DraftRow._make,
            Draft.objects.filter(pk__in={s.draft_id for s in stated})
            .order_by()
            .values_list("id", "plan_id", "slug", "title", "sequence", "plan__slug", "plan__title"),
        ),
        key=lambda d: (d.plan_title, d.sequence, d.id),
    )
    place = {draft.id: n for n, draft in enumerate(order)}
    stated.sort(key=lambda s: (place[s.draft_id], on_clause[s.pk], s.stated_on or date.min, s.pk))
    pages, window = pager(len(stated), page, POSITIONS_PER_PAGE)
    first_page: dict[int, int] = {}
    for n, one in enumerate(stated):
        first_page.setdefault(one.draft_id, n // POSITIONS_PER_PAGE + 1)

    on_page = stated[window]
    shown = [s.pk for s in on_page]
    found = (
        Position.objects.filter(pk__in=shown)
        .select_related("draft__plan", "clause_version__draft__plan", "clause_version__clause")
        .prefetch_related(_sources)
    )
    by_pk = {p.pk: p for p in found}
    groups: list[tuple[Draft, list[Position]]] = []
    for pk in shown:
        position = by_pk[pk]
        draft = position.target_draft
        if not groups or groups[-1][0].pk != draft.pk:
            groups.append((draft, []))
        groups[-1][1].append(position)

    every = pictures.party_stances(party, order, stated)
    recorded = {s.stance for s in stated}
    stances = [(value, label) for value, label in Stance.choices if value in recorded]
    columns = pictures.column_window(
        [d.plan_id for d in order],
        range(place[on_page[0].draft_id], place[on_page[-1].draft_id] + 1) if on_page else range(0),
        MAP_DRAFTS,
    )
    plans: dict[int, Plan] = {}
    drawn = [_draft_of(order[n], plans) for n in columns]
    return PartyPage(
        party,
        groups,
        pictures.map_window(every, columns, drawn),
        pages,
        first_page,
        plans=_by_plan(order, every.rows[0].cells, first_page, stances),
        stances=stances,
        first_column=columns.start,
        draft_count=len(order),
        earlier=_draft_of(order[columns.start - 1], plans) if columns.start > 0 else None,
        later=_draft_of(order[columns.stop], plans) if 0 < columns.stop < len(order) else None,
    )


@dataclass
class PartySummary:
    party: Party
    positions: int
    by_stance: list[tuple[str, int]]  # (stance label, count), most frequent first


def parties_page(viewer=None) -> list[PartySummary]:
    from ..models import Stance

    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for party_id, stance in Position.objects.visible_to(viewer).values_list("party_id", "stance"):
        counts[party_id][stance] += 1
    labels = dict(Stance.choices)
    return [
        PartySummary(
            party,
            sum(counts[party.id].values()),
            sorted(
                ((labels.get(s, s), n) for s, n in counts[party.id].items()),
                key=lambda kv: (-kv[1], kv[0]),
            ),
        )
        for party in Party.objects.order_by("name")
    ]


def party_colours() -> list[tuple[str, str]]:
    """For /parties.css: (slug, badge colour) of every party; parties are public."""
    return list(Party.objects.order_by("slug").values_list("slug", "colour"))
