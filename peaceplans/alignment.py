"""Which clause of one draft stands beside which clause of another. Pure: no ORM.

Versions align through their Clause identity. Split and merge links (derived_from) join clause
identities into one lineage, so a split shows the one old version beside its two successors.
"""

import math
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .diffing import texts_equal


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
    status: str = ""  # added, removed, not-reported, unknown, unchanged, changed, split, merged
    renumbered: bool = False
    moved: bool = False


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
        return "not-reported" if left_partial else "added"
    if not row.right:
        dropped = any(item.clause in right_dropped for item in row.left)
        return "not-reported" if right_partial and not dropped else "removed"
    if len(row.left) < len(row.right):
        return "split"
    if len(row.left) > len(row.right):
        return "merged"
    if not all(item.text_known for item in row.left + row.right):
        return "unknown"
    same = all(texts_equal(a.text, b.text) for a, b in zip(row.left, row.right, strict=True))
    return "unchanged" if same else "changed"


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


# ------------------------------------------------------------------ suggesting ancestors


@dataclass(frozen=True)
class Candidate:
    """A clause of the earlier draft that a new clause may descend from."""

    key: Any
    label: str
    text: str


@dataclass
class Suggestion:
    parent: Any | None  # the candidate's key, or None for a new clause
    score: float
    kind: str  # "same" (continues a clause), "split" (a second successor), "new"
    also: list[Any] = field(default_factory=list)  # further parents: a merge


MATCH_THRESHOLD = 0.3
LABEL_BONUS = 0.05
_WORD = re.compile(r"\w+", re.UNICODE)


def _terms(text: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for word in _WORD.findall(text.lower()):
        if len(word) > 1 or word.isdigit():
            counts[word] += 1
    return counts


def _vectors(docs: list[dict[str, int]], idf: dict[str, float]) -> list[dict[str, float]]:
    vectors = []
    for counts in docs:
        vector = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items() if w})
    return vectors


def similarity_matrix(old: list[str], new: list[str]) -> list[dict[int, float]]:
    """For each new text, {old index: cosine similarity} over TF-IDF word vectors (non-zero only).

    Uses an inverted index, so the cost follows shared words, not len(old) * len(new)."""
    old_terms, new_terms = [_terms(t) for t in old], [_terms(t) for t in new]
    document_count = len(old_terms) + len(new_terms)
    frequency: dict[str, int] = defaultdict(int)
    for counts in old_terms + new_terms:
        for term in counts:
            frequency[term] += 1
    idf = {t: math.log((1 + document_count) / (1 + n)) + 1 for t, n in frequency.items()}
    old_vectors, new_vectors = _vectors(old_terms, idf), _vectors(new_terms, idf)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(old_vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    scores = []
    for vector in new_vectors:
        row: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for index, other in postings.get(term, ()):
                row[index] += weight * other
        scores.append(dict(row))
    return scores


def suggest_ancestors(
    old: list[Candidate], new: list[tuple[str, str]], *, threshold: float = MATCH_THRESHOLD
) -> list[Suggestion]:
    """For each new (label, text), the earlier clause it most likely continues.

    One-to-one first, best scores first; a new clause whose best match is already taken becomes
    a split of it; an earlier clause left unmatched that also fits a new clause is a merge."""
    scores = similarity_matrix([c.text for c in old], [text for _, text in new])
    for new_index, (label, _) in enumerate(new):
        for old_index, candidate in enumerate(old):
            if candidate.label == label and old_index in scores[new_index]:
                scores[new_index][old_index] += LABEL_BONUS
    pairs = sorted(
        (
            (score, new_index, old_index)
            for new_index, row in enumerate(scores)
            for old_index, score in row.items()
            if score >= threshold
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    suggestions: list[Suggestion | None] = [None] * len(new)
    taken: set[int] = set()
    for score, new_index, old_index in pairs:
        if suggestions[new_index] is None and old_index not in taken:
            suggestions[new_index] = Suggestion(
                old[old_index].key, round(min(score, 1.0), 3), "same"
            )
            taken.add(old_index)
    for new_index, row in enumerate(scores):
        if suggestions[new_index] is None:
            best = max(row.items(), key=lambda item: item[1], default=None)
            if best and best[1] >= threshold:
                suggestions[new_index] = Suggestion(
                    old[best[0]].key, round(min(best[1], 1.0), 3), "split"
                )
            else:
                score = round(best[1], 3) if best else 0.0
                suggestions[new_index] = Suggestion(None, score, "new")
    for score, new_index, old_index in pairs:
        suggestion = suggestions[new_index]
        if old_index not in taken and suggestion.kind == "same" and score >= threshold:
            suggestion.also.append(old[old_index].key)
            taken.add(old_index)
    return suggestions
