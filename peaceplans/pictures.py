"""Geometry of the three pictures (time line, stance map, a clause's journey). Pure: no ORM.

Selectors pass in what they already loaded, so a picture costs no query. Templates draw the SVG
from these numbers (auto-escaped, no inline style) and render the same data as a table.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from .vocabulary import STANCE_MARK, Change

# ------------------------------------------------------------------ the negotiation's time line


@dataclass
class TimelineItem:
    kind: str  # "draft" or "event"
    title: str
    date: date | None
    date_note: str
    url: str
    y: int
    detail: str = ""


@dataclass
class TimelineArrow:
    kind: str  # "revision", or an issue-8 link kind
    source: TimelineItem
    target: TimelineItem
    bend: int  # how far left of the line the arc reaches

    @property
    def path(self) -> str:
        x, bend = TIMELINE_X, TIMELINE_X - self.bend
        y1, y2 = self.source.y, self.target.y - 9
        return f"M{x - 7},{y1} C{bend},{y1} {bend},{y2} {x - 4},{y2}"


TIMELINE_X = 96  # the vertical line; arrows bend to its left, titles sit to its right


@dataclass
class Timeline:
    items: list[TimelineItem]
    arrows: list[TimelineArrow]
    height: int
    width: int = 360
    x: int = TIMELINE_X

    @property
    def has_events(self) -> bool:
        return any(item.kind == "event" for item in self.items)


def timeline(plan, drafts, events=()) -> Timeline:
    """Drafts (and events, when the record has them) down the page by date; the gap between two
    items follows the days between them, within bounds so labels never collide."""
    entries, last = [], None
    for draft in sorted(drafts, key=lambda d: d.sequence):
        # An undated draft keeps its place in the sequence, just after the dated one before it.
        last = draft.date or last
        entries.append((last or date.min, 1, draft.sequence, "draft", draft))
    entries += [(event.date or date.min, 0, 0, "event", event) for event in events]
    ordered = [(day, kind, obj) for day, _, _, kind, obj in sorted(entries, key=lambda e: e[:3])]
    items, y, previous_day, by_draft = [], 30, None, {}
    for day, kind, obj in ordered:
        if previous_day is not None:
            y += max(52, min(130, (day - previous_day).days * 3))
        previous_day = day
        is_draft = kind == "draft"
        item = TimelineItem(
            kind=kind,
            title=obj.title,
            date=obj.date,
            date_note=getattr(obj, "date_note", ""),
            url=obj.get_absolute_url(),
            y=y,
            detail=obj.get_standing_display() if is_draft else "",
        )
        items.append(item)
        if is_draft:
            by_draft[obj.id] = item
    arrows = []

    def arrow(kind: str, parent_id: int, child_id: int) -> None:
        if parent_id in by_draft and child_id in by_draft:
            source, target = sorted((by_draft[parent_id], by_draft[child_id]), key=lambda i: i.y)
            bend = min(80, 24 + (target.y - source.y) // 6)
            arrows.append(TimelineArrow(kind, source, target, bend))

    for draft in drafts:
        for parent in draft.derived_from.all():
            arrow("revision", parent.id, draft.id)
        # A companion document (issue 8's Draft.companion_to), where the record has them.
        if getattr(draft, "companion_to_id", None):
            arrow("companion", draft.companion_to_id, draft.id)
    return Timeline(items, arrows, y + 40)


# ------------------------------------------------------------------ stance map: parties × drafts


@dataclass
class StanceCell:
    whole: object | None  # the party's latest position on the draft as a whole
    on_clauses: dict[str, int]  # stance -> number of clauses
    x: int = 0
    y: int = 0

    @property
    def stance(self) -> str:
        """The mark drawn: the stance on the whole draft, else the most frequent on its clauses."""
        if self.whole is not None:
            return self.whole.stance
        if self.on_clauses:
            return max(self.on_clauses.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return ""

    @property
    def letter(self) -> str:
        return STANCE_MARK[self.stance][0] if self.stance else ""

    @property
    def shape(self) -> str:
        return STANCE_MARK[self.stance][1] if self.stance else ""

    @property
    def clause_total(self) -> int:
        return sum(self.on_clauses.values())


@dataclass
class StanceRow:
    party: object
    cells: list[StanceCell]
    y: int = 0

    @property
    def counts(self) -> Counter:
        total: Counter = Counter()
        for cell in self.cells:
            if cell.whole is not None:
                total[cell.whole.stance] += 1
            total.update(cell.on_clauses)
        return total


@dataclass
class StanceMap:
    drafts: list  # the columns: drafts, or MapColumn for the clauses of one draft
    rows: list[StanceRow]
    width: int
    height: int
    column_x: list[int] = field(default_factory=list)
    of_clauses: bool = False
    header_y: int = 86  # baseline of the slanted column titles

    @property
    def headers(self) -> list[tuple[object, int]]:
        return list(zip(self.drafts, self.column_x, strict=True))

    @property
    def empty(self) -> bool:
        return not any(cell.stance for row in self.rows for cell in row.cells)


_MAP_LEFT, _MAP_TOP, _MAP_COL, _MAP_ROW = 128, 96, 56, 40


def stance_map(parties, columns, rows) -> StanceMap:
    """`columns`: per draft its whole-draft stances; `rows`: matrix rows whose cells carry each
    party's latest stance on that clause version."""
    on_clauses = {(p.id, c.draft.id): Counter() for p in parties for c in columns}
    for row in rows:
        for cell in row.cells:
            for position in cell.stances:
                on_clauses.setdefault((position.party_id, cell.draft.id), Counter())[
                    position.stance
                ] += 1
    map_rows = []
    for r, party in enumerate(parties):
        y = _MAP_TOP + r * _MAP_ROW
        cells = []
        for c, column in enumerate(columns):
            whole = next((p for p in column.stances if p.party_id == party.id), None)
            cells.append(
                StanceCell(
                    whole,
                    dict(on_clauses[(party.id, column.draft.id)]),
                    x=_MAP_LEFT + c * _MAP_COL + _MAP_COL // 2,
                    y=y,
                )
            )
        map_rows.append(StanceRow(party, cells, y))
    return StanceMap(
        drafts=[c.draft for c in columns],
        rows=map_rows,
        width=_MAP_LEFT + len(columns) * _MAP_COL + 90,  # room for the last slanted title
        height=_MAP_TOP + len(parties) * _MAP_ROW,
        column_x=[_MAP_LEFT + c * _MAP_COL + _MAP_COL // 2 for c in range(len(columns))],
    )


# ------------------------------------------------------------------ a clause's journey


@dataclass
class JourneyStep:
    draft: object
    version: object | None
    status: str  # a vocabulary.Change, or "split"/"merged" when linked that way
    change_ratio: float | None  # share of words changed since the previous known text
    x: int = 0

    @property
    def bar(self) -> int:
        return round((self.change_ratio or 0) * JOURNEY_BAR)

    @property
    def percent(self) -> int | None:
        return None if self.change_ratio is None else round(self.change_ratio * 100)


JOURNEY_BAR = 60  # height of a bar for a wholly rewritten text
_JOURNEY_LEFT, _JOURNEY_COL = 40, 68


@dataclass
class Journey:
    steps: list[JourneyStep]
    width: int
    height: int = 170
    bar_bottom: int = 150


def journey(drafts, columns, split_into: set[int], merged_from: set[int]) -> Journey:
    """`columns`: the clause page's columns (version, diff). `split_into`/`merged_from`: ids of
    drafts where this clause's lineage splits or merges (from the related versions)."""
    by_draft = {c.version.draft_id: c for c in columns}
    steps, seen, alive = [], False, False
    for i, draft in enumerate(drafts):
        column = by_draft.get(draft.id)
        x = _JOURNEY_LEFT + i * _JOURNEY_COL
        if column is None:
            dropped = getattr(draft, "drops_clause", False)
            if alive and (dropped or draft.text_coverage == "complete"):
                status, alive = (Change.REMOVED if dropped else Change.NOT_IN_DRAFT), False
            elif alive and draft.text_coverage == "partial":
                status = Change.NOT_REPORTED
            else:
                status = Change.ABSENT
            steps.append(JourneyStep(draft, None, status, None, x))
            continue
        version = column.version
        ratio = column.diff.change_ratio if column.diff is not None else None
        if not version.text_is_known:
            status = Change.UNKNOWN
        elif not seen:
            status = Change.ADDED
        elif draft.id in split_into:
            status = Change.SPLIT
        elif draft.id in merged_from:
            status = Change.MERGED
        else:
            status = Change.CHANGED if ratio else Change.UNCHANGED
        seen = seen or version.text_is_known
        alive = True
        steps.append(JourneyStep(draft, version, status, ratio, x))
    return Journey(steps, width=_JOURNEY_LEFT * 2 + max(len(drafts) - 1, 0) * _JOURNEY_COL)


@dataclass(frozen=True)
class Stated:
    """A recorded stance without the rest of its position: enough to draw and count it, so a
    party's whole record can be summarised from one narrow query."""

    draft_id: int  # the draft it is on, as a whole or through one of its clause versions
    clause_version_id: int | None
    stance: str
    label: str  # the stance's reader label
    stated_on: date | None
    pk: int

    def get_stance_display(self) -> str:
        return self.label


def party_stances(party, drafts, stated) -> StanceMap:
    """One party's row of the stance map across the drafts it took positions on; `stated`: all its
    stances, of which the latest on each clause version and on each draft as a whole count."""
    columns, latest_whole, on_clauses = [], {}, {}
    for one in sorted(stated, key=lambda p: (p.stated_on or date.min, p.pk)):
        if one.clause_version_id:
            on_clauses.setdefault(one.draft_id, {})[one.clause_version_id] = one.stance
        else:
            latest_whole[one.draft_id] = one
    for c, draft in enumerate(drafts):
        counts = Counter(on_clauses.get(draft.id, {}).values())
        columns.append(
            StanceCell(
                latest_whole.get(draft.id),
                dict(counts),
                x=_MAP_LEFT + c * _MAP_COL + _MAP_COL // 2,
                y=_MAP_TOP,
            )
        )
    return StanceMap(
        drafts=list(drafts),
        rows=[StanceRow(party, columns, _MAP_TOP)],
        width=_MAP_LEFT + len(drafts) * _MAP_COL + 90,
        height=_MAP_TOP + _MAP_ROW,
        column_x=[_MAP_LEFT + c * _MAP_COL + _MAP_COL // 2 for c in range(len(drafts))],
    )


def map_window(whole: StanceMap, columns: range, drafts: list) -> StanceMap:
    """A one-party map cut to some of its columns, laid out afresh from the left; `drafts`:
    those columns' drafts (as the page shows them)."""
    cut = slice(columns.start, columns.stop)
    cells = [
        replace(cell, x=_MAP_LEFT + c * _MAP_COL + _MAP_COL // 2)
        for c, cell in enumerate(whole.rows[0].cells[cut])
    ]
    return StanceMap(
        drafts=drafts,
        rows=[StanceRow(whole.rows[0].party, cells, _MAP_TOP)],
        width=_MAP_LEFT + len(drafts) * _MAP_COL + 90,
        height=whole.height,
        column_x=[cell.x for cell in cells],
    )


def column_window(groups: list, shown: range, most: int) -> range:
    """Which columns (drafts in reading order) a page's map draws: every draft of the groups
    (plans) of the columns `shown` (the drafts the page lists), or, when they are more than
    `most`, `most` of them around the ones shown. `groups`: each column's group."""
    if not shown:
        return range(0)
    low = groups.index(groups[shown.start])
    high = len(groups) - groups[::-1].index(groups[shown.stop - 1])
    if high - low <= most:
        return range(low, high)
    if len(shown) >= most:
        return range(shown.start, shown.start + most)
    start = max(low, shown.start - (most - len(shown)) // 2)
    stop = min(high, start + most)
    return range(max(low, stop - most), stop)


@dataclass
class MapColumn:
    """A column of the stance map that is not a draft: one clause of a draft."""

    title: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


_CLAUSE_COL, _CLAUSE_TOP = 40, 56


def clause_stances(versions, stances: dict[int, list]) -> StanceMap:
    """Parties × the clauses of one draft that have a recorded stance: each party's latest."""
    versions = [v for v in versions if stances.get(v.id)]
    parties = sorted(
        {p.party_id: p.party for v in versions for p in stances[v.id]}.values(),
        key=lambda party: party.name,
    )
    xs = [_MAP_LEFT + c * _CLAUSE_COL + _CLAUSE_COL // 2 for c in range(len(versions))]
    rows = []
    for r, party in enumerate(parties):
        y = _CLAUSE_TOP + r * _MAP_ROW
        cells = [
            StanceCell(next((p for p in stances[v.id] if p.party_id == party.id), None), {}, x, y)
            for v, x in zip(versions, xs, strict=True)
        ]
        rows.append(StanceRow(party, cells, y))
    return StanceMap(
        drafts=[MapColumn(f"§{v.label}", f"#clause-{v.label}") for v in versions],
        rows=rows,
        width=_MAP_LEFT + len(versions) * _CLAUSE_COL + 40,
        height=_CLAUSE_TOP + len(parties) * _MAP_ROW,
        column_x=xs,
        of_clauses=True,
        header_y=_CLAUSE_TOP - 10,
    )
