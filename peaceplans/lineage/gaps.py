"""Step 3 of the lineage matcher: the clauses between two anchors (confident matches in order)
align in order, the way diff aligns lines, at a much lower score than a confident match,
because the order vouches for them. Pure: no ORM. The thresholds were chosen on the labelled
evaluation set (`manage.py evalmatcher`), as those in __init__.py were."""

import math

GAP_THRESHOLD = 0.08  # a match between two anchors, in order
GAP_CHOICE = 0.05  # ... plus this much per e-fold more earlier clauses than new ones in the gap
GAP_DRIFT = 0.02  # ... plus this much per clause skipped on one side only
GAP_RATIO = 0.7  # ... unless the new clause resembles another earlier clause much more
SWAP_REACH = 2  # ... or two that swapped places, this many clauses apart at most
LONE_THRESHOLD = 0.06  # the one clause left on each side of a gap, in order (0.055-0.07)
GAP_CELLS = 40_000  # a gap larger than this many pairs is filled greedily instead of in order


def best_per_old(scores: list[dict[int, float]]) -> dict[int, tuple[float, int]]:
    """For each earlier clause, (score, new index) of the new clause that resembles it most."""
    best: dict[int, tuple[float, int]] = {}
    for j, row in enumerate(scores):
        for i, s in row.items():
            if i not in best or s > best[i][0]:
                best[i] = (s, j)
    return best


def fill_gap(
    gap_new, gap_old, span, scores, old, new, evidence, threshold
) -> list[tuple[int, int, float]]:
    """Pairs (new, old, score) inside one gap: the in-order pairing of highest total score,
    then text-unknown earlier clauses placed by label or as the one left on each side."""
    if len(gap_new) * len(gap_old) > GAP_CELLS:  # bound the work: greedily, best first
        found, used = [], set()
        for j in gap_new:
            options = [(s, i) for i, s in scores[j].items() if i in gap_old and i not in used]
            if options:
                s, i = max(options)
                if evidence.text(j, i) >= GAP_THRESHOLD:
                    found.append((j, i, s))
                    used.add(i)
        return found

    j0, j1, i0, i1 = span
    best = {j: max(scores[j].values(), default=0.0) for j in gap_new}
    # Many earlier clauses against few new ones: the order leaves many choices, vouches less.
    floor = GAP_THRESHOLD + GAP_CHOICE * math.log(max(1.0, len(gap_old) / len(gap_new)))

    def weight(j: int, i: int) -> float:
        s = scores[j].get(i, 0.0)
        if not s:
            return 0.0
        # The more clauses one side skips that the other does not, the more the text must show.
        drift = min(abs((j - j0) - (i - i0)), abs((j1 - j) - (i1 - i)))
        text = evidence.text(j, i)
        # Not when the new clause plainly resembles another earlier clause more: a split.
        if text >= floor + GAP_DRIFT * drift and not _more_like_another(s, best[j]):
            return s
        return 0.0

    rows, cols = len(gap_new), len(gap_old)
    unanchored = j0 == i0 == -1 and (j1, i1) == (len(new), len(old))
    if unanchored:
        rows = 0  # no confident match anywhere: nothing vouches for the two drafts' order
    total = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(1, rows + 1):
        for b in range(1, cols + 1):
            cell = max(total[a - 1][b], total[a][b - 1])
            s = weight(gap_new[a - 1], gap_old[b - 1])
            if s:
                cell = max(cell, total[a - 1][b - 1] + s)
            total[a][b] = cell
    found = []
    a, b = rows, cols
    while a and b:
        s = weight(gap_new[a - 1], gap_old[b - 1])
        if s and total[a][b] == total[a - 1][b - 1] + s:
            found.append((gap_new[a - 1], gap_old[b - 1], s))
            a, b = a - 1, b - 1
        elif total[a][b] == total[a - 1][b]:
            a -= 1
        else:
            b -= 1
    found.reverse()
    found += _place_rest(gap_new, gap_old, found, scores, old, new, evidence, threshold)
    return found + _swapped(gap_new, gap_old, span, floor, found, scores, evidence, unanchored)


def _swapped(
    gap_new, gap_old, span, floor, found, scores, evidence, unanchored
) -> list[tuple[int, int, float]]:
    """Clauses left in a gap that are each other's best there and stand at nearly the same
    distance from one end of the gap: neighbours that swapped places. With no anchor at all,
    only through a word that is not a function word."""
    j0, j1, i0, i1 = span
    paired_new = {p[0] for p in found}
    rest_new = [j for j in gap_new if j not in paired_new]
    rest_old = set(gap_old) - {p[1] for p in found}
    best_new = best_per_old(
        [{i: s for i, s in scores[j].items() if i in rest_old} for j in rest_new]
    )
    placed = []
    for a, j in enumerate(rest_new):
        options = [(s, -i) for i, s in scores[j].items() if i in rest_old]
        if not options:
            continue
        s, i = max(options)
        i = -i
        near = min(abs((j - j0) - (i - i0)), abs((j1 - j) - (i1 - i))) <= SWAP_REACH
        text = evidence.text(j, i)
        elsewhere = _more_like_another(s, max(scores[j].values()))
        if near and text >= floor and not elsewhere and best_new[i][1] == a:
            if unanchored and not evidence.content(j, i):
                continue  # nothing vouches for the order: "at" in both texts says nothing
            placed.append((j, i, s))
    return placed


def _place_rest(
    gap_new, gap_old, found, scores, old, new, evidence, threshold
) -> list[tuple[int, int, float]]:
    """Between the in-order pairs of a gap: a text-unknown earlier clause with the new clause's
    label, or the one clause left on each side when they resemble each other at all and the
    new clause does not plainly continue another."""
    placed = []
    edges = [(-1, -1), *((j, i) for j, i, _ in found), (math.inf, math.inf)]
    for (j0, i0), (j1, i1) in zip(edges, edges[1:], strict=False):
        rest_new = [j for j in gap_new if j0 < j < j1]
        rest_old = [i for i in gap_old if i0 < i < i1]
        unknown = [i for i in rest_old if not old[i].text.strip()]
        for j in rest_new:
            if max(scores[j].values(), default=0.0) >= threshold:
                continue  # it fits a known clause elsewhere: a split or a move, not this one
            same_label = [i for i in unknown if old[i].label == new[j][0]]
            if same_label:
                placed.append((j, same_label[0], 0.0))
                unknown.remove(same_label[0])
            elif len(rest_new) == 1 and len(rest_old) == 1:
                i = rest_old[0]
                s = scores[j].get(i, 0.0)
                # Not when it plainly resembles another earlier clause more: a moved clause.
                elsewhere = _more_like_another(s, max(scores[j].values(), default=0.0))
                if i in unknown or (evidence.text(j, i) >= LONE_THRESHOLD and not elsewhere):
                    placed.append((j, i, s))
    return placed


def _more_like_another(score: float, best: float) -> bool:
    """Whether a new clause resembles this earlier clause far less than its best one: the order
    cannot vouch for a link the text plainly puts elsewhere (a split, a moved clause)."""
    return score < GAP_RATIO * best
