"""The parties: the index, and each party's stances across drafts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .. import pictures
from ..models import (
    Draft,
    Party,
    Position,
)
from .common import (
    Pager,
    _sources,
    pager,
)

# ------------------------------------------------------------------ party


@dataclass
class PartyPage:
    party: Party
    by_draft: list[tuple[Draft, list[Position]]]  # this page's positions, by draft
    stance_map: pictures.StanceMap  # this party's row across all its drafts, from all positions
    pager: Pager
    first_page: dict[int, int] = field(default_factory=dict)  # draft id -> page it starts on

    @property
    def drafts(self) -> list[tuple[Draft, int]]:
        """Every draft the party took positions on, with the page where they begin."""
        return [(draft, self.first_page[draft.id]) for draft in self.stance_map.drafts]

    @property
    def stance_counts(self) -> list[tuple[str, str, list[int], int]]:
        """(stance, label, count per draft, total): the table behind the stance map."""
        from ..models import Stance

        row = self.stance_map.rows[0]
        table = []
        for value, label in Stance.choices:
            per_draft = [
                (1 if cell.whole is not None and cell.whole.stance == value else 0)
                + cell.on_clauses.get(value, 0)
                for cell in row.cells
            ]
            if any(per_draft):
                table.append((value, label, per_draft, sum(per_draft)))
        return table


POSITIONS_PER_PAGE = 100


def party_page(party_slug: str, viewer=None, *, page: int = 1) -> PartyPage:
    """A party's positions, POSITIONS_PER_PAGE a page in reading order (plan, draft, clause,
    date). The stance map and counts cover all of them, from one narrow query that also gives
    the order; the positions themselves, with their sources, are loaded only for the page."""
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
        Draft.objects.filter(pk__in={s.draft_id for s in stated}).select_related("plan"),
        key=lambda d: (d.plan.title, d.sequence, d.pk),
    )
    place = {draft.id: n for n, draft in enumerate(order)}
    stated.sort(key=lambda s: (place[s.draft_id], on_clause[s.pk], s.stated_on or date.min, s.pk))
    pages, window = pager(len(stated), page, POSITIONS_PER_PAGE)
    first_page: dict[int, int] = {}
    for n, one in enumerate(stated):
        first_page.setdefault(one.draft_id, n // POSITIONS_PER_PAGE + 1)

    shown = [s.pk for s in stated[window]]
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
    return PartyPage(party, groups, pictures.party_stances(party, order, stated), pages, first_page)


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
