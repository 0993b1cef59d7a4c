"""Which clause of one draft stands beside which clause of another. Pure: no ORM.

Versions align through their Clause identity. Split and merge links (derived_from) join clause
identities into one lineage, so a split shows the one old version beside its two successors.
"""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .diffing import texts_equal
from .vocabulary import Change


@dataclass(frozen=True)
class Item:
    """What alignment needs to know of one clause version."""

    key: Any  # the caller's handle on the version (e.g. its id)
    clause: int
    label: str
    position: int
    text: str
    text_known: bool = True


@dataclass
class Row:
    left: list[Item] = field(default_factory=list)
    right: list[Item] = field(default_factory=list)
    status: str = ""  # a vocabulary.Change: added, removed, not-reported, unknown, ...
    renumbered: bool = False
    moved: bool = False

    @property
    def kind(self) -> str:
        """The one kind a row is counted under: an unchanged clause at a new place is moved."""
        if self.status == Change.UNCHANGED and self.moved:
            return Change.MOVED
        return self.status


def lineages(links: list[tuple[int, int]]) -> dict[int, int]:
    """Map each clause id to a representative of its lineage (union-find over split/merge links)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


def align(
    left: list[Item],
    right: list[Item],
    *,
    links: list[tuple[int, int]] = (),
    left_partial: bool = False,
    right_partial: bool = False,
    right_dropped: frozenset[int] = frozenset(),
) -> list[Row]:
    """Rows of aligned versions, in the right draft's order, removed rows after their neighbour.

    `links` are (clause, clause) pairs joined by a split or merge. A clause missing from a
    partly known draft is 'not-reported' unless the draft is known to have dropped it.
    """
    lineage = lineages(list(links))
    groups: dict[int, Row] = defaultdict(Row)
    for item in sorted(left, key=lambda i: i.position):
        groups[lineage.get(item.clause, item.clause)].left.append(item)
    for item in sorted(right, key=lambda i: i.position):
        groups[lineage.get(item.clause, item.clause)].right.append(item)

    rows = list(groups.values())
    for row in rows:
        row.status = _status(row, left_partial, right_partial, right_dropped)
        if len(row.left) == 1 and len(row.right) == 1:
            row.renumbered = row.left[0].label != row.right[0].label
    _mark_moved(rows)
    return _in_reading_order(rows)


def _status(row: Row, left_partial: bool, right_partial: bool, right_dropped) -> str:
    if not row.left:
        return Change.NOT_REPORTED if left_partial else Change.ADDED
    if not row.right:
        dropped = any(item.clause in right_dropped for item in row.left)
        return Change.NOT_REPORTED if right_partial and not dropped else Change.REMOVED
    if len(row.left) < len(row.right):
        return Change.SPLIT
    if len(row.left) > len(row.right):
        return Change.MERGED
    if not all(item.text_known for item in row.left + row.right):
        return Change.UNKNOWN
    same = all(
        texts_equal(a.text, b.text, ignore_whitespace=True)
        for a, b in zip(row.left, row.right, strict=True)
    )
    return Change.UNCHANGED if same else Change.CHANGED


def _mark_moved(rows: list[Row]) -> None:
    """Paired rows whose relative order changed: those outside the longest run kept in order."""
    paired = sorted(
        (row for row in rows if row.left and row.right), key=lambda r: r.left[0].position
    )
    sequence = [row.right[0].position for row in paired]
    keep = _longest_increasing(sequence)
    for index, row in enumerate(paired):
        row.moved = index not in keep


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (patience sorting, n log n)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[slot] = value
            tail_index[slot] = index
        previous[index] = tail_index[slot - 1] if slot else -1
    keep, index = set(), tail_index[-1] if tail_index else -1
    while index != -1:
        keep.add(index)
        index = previous[index]
    return keep


def _in_reading_order(rows: list[Row]) -> list[Row]:
    with_right = sorted((r for r in rows if r.right), key=lambda r: r.right[0].position)
    left_only = sorted((r for r in rows if not r.right), key=lambda r: r.left[0].position)
    # Each left-only (removed) row goes after the row holding its nearest earlier left neighbour.
    anchors = sorted((r.left[0].position, index) for index, r in enumerate(with_right) if r.left)
    anchor_positions = [position for position, _ in anchors]
    after: dict[int, list[Row]] = defaultdict(list)
    leading: list[Row] = []
    for row in left_only:
        slot = bisect_left(anchor_positions, row.left[0].position)
        (after[anchors[slot - 1][1]] if slot else leading).append(row)
    order = list(leading)
    for index, row in enumerate(with_right):
        order.append(row)
        order.extend(after[index])
    return order
