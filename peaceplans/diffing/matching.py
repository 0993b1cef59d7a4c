"""Aligning two sequences (of sentences or of tokens) at a bounded cost. Pure.

difflib's longest-match search reads best, but on repetitive input its cost grows with the cube
of the length (1,000 repeated sentences took 24 s). Here every search is charged, before it
runs, against a budget shared by the whole diff; a range too dear to search is split on its
patience anchors, and a range with none once the budget is spent is left as one change.
"""

from bisect import bisect_left
from difflib import SequenceMatcher

Range = tuple[bool, int, int, int, int]  # (equal, i1, i2, j1, j2)


class Budget:
    """Steps of work left for one diff, and the most that one longest-match search may take."""

    def __init__(self, steps: int, *, search_steps: int) -> None:
        self.left = steps
        self.search_steps = search_steps
        self.coarse = False  # some range was left as one change for want of budget

    def spend(self, steps: int) -> bool:
        if steps > self.left:
            return False
        self.left -= steps
        return True


def _is_blank(item: str) -> bool:
    return not item.strip()


def align(a: list[str], b: list[str], budget: Budget, *, diagonal: bool = False) -> list[Range]:
    """Cover a and b with equal and changed ranges, in order.

    Longest matches first, as difflib orders them; blank items (whitespace) may extend a match
    but never start one, so no change is split around a lone space. A range whose search would
    take more than `budget.search_steps` is first split on its patience anchors. With
    `diagonal`, of equally long matches the one nearest the range's diagonal is taken (see
    `longest_match`): for sentences, which repeat; words keep difflib's first pick.
    """
    if not a or not b:
        return [(False, 0, len(a), 0, len(b))] if a or b else []
    matcher = SequenceMatcher(_is_blank, a, b, autojunk=False)
    b2j = matcher.b2j
    # Searching a[i1:i2] takes at most cost[i2] - cost[i1] inner steps: one per item of a, and
    # one per position in b holding the same item.
    cost = [0]
    for item in a:
        cost.append(cost[-1] + 1 + len(b2j.get(item, ())))
    blocks: list[tuple[int, int, int]] = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = _trim(a, b, *queue.pop(), blocks)
        if alo == ahi or blo == bhi:
            continue
        steps = cost[ahi] - cost[alo]
        if steps <= budget.search_steps and budget.spend(steps):
            if diagonal:
                i, j, size = longest_match(matcher, alo, ahi, blo, bhi)
            else:
                i, j, size = matcher.find_longest_match(alo, ahi, blo, bhi)
            if size:
                blocks.append((i, j, size))
                queue.extend(_gaps([(i, j, size)], alo, ahi, blo, bhi))
            continue
        anchors = patience_anchors(a, b, alo, ahi, blo, bhi, budget)
        if anchors:
            blocks.extend((i, j, 1) for i, j in anchors)
            queue.extend(_gaps([(i, j, 1) for i, j in anchors], alo, ahi, blo, bhi))
        elif {item for item in a[alo:ahi] if not _is_blank(item)} & set(b[blo:bhi]):
            budget.coarse = True  # something in common is left unmatched
    return _ranges(sorted(blocks), len(a), len(b))


def longest_match(
    matcher: SequenceMatcher, alo: int, ahi: int, blo: int, bhi: int
) -> tuple[int, int, int]:
    """difflib's `find_longest_match`, with the same steps, but of equally long matches the one
    nearest the range's diagonal, not the first in a. In a text pasted twice, the first copy's
    sentences match the second copy's as well as its own: difflib's first pick paired them
    across the copies and showed half the text deleted and inserted again."""
    a, b, b2j, junk = matcher.a, matcher.b, matcher.b2j, matcher.bjunk
    width, height = ahi - alo, bhi - blo
    best_i, best_j, best_size, best_off = alo, blo, 0, 0
    j2len: dict[int, int] = {}
    nothing: list[int] = []
    for i in range(alo, ahi):
        get = j2len.get
        new_j2len: dict[int, int] = {}
        for j in b2j.get(a[i], nothing):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = new_j2len[j] = get(j - 1, 0) + 1
            if k >= best_size:
                # How far the match's centre lies off the diagonal (scaled to stay in integers).
                off = abs((2 * (i - alo) - k + 2) * height - (2 * (j - blo) - k + 2) * width)
                if k > best_size or off < best_off:
                    best_i, best_j, best_size, best_off = i - k + 1, j - k + 1, k, off
        j2len = new_j2len
    # As difflib: blank items (junk) extend the match on both sides but never start it.
    while (
        best_i > alo and best_j > blo and b[best_j - 1] in junk and a[best_i - 1] == b[best_j - 1]
    ):
        best_i, best_j, best_size = best_i - 1, best_j - 1, best_size + 1
    while (
        best_i + best_size < ahi
        and best_j + best_size < bhi
        and b[best_j + best_size] in junk
        and a[best_i + best_size] == b[best_j + best_size]
    ):
        best_size += 1
    return best_i, best_j, best_size


def _trim(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int, blocks: list
) -> tuple[int, int, int, int]:
    """Take the common start and end of a range as matched blocks (each item is looked at most
    once in the whole alignment, so this costs no budget), and return what is left."""
    start = 0
    while alo + start < ahi and blo + start < bhi and a[alo + start] == b[blo + start]:
        start += 1
    if start:
        blocks.append((alo, blo, start))
    alo, blo = alo + start, blo + start
    end = 0
    while alo < ahi - end and blo < bhi - end and a[ahi - end - 1] == b[bhi - end - 1]:
        end += 1
    if end:
        blocks.append((ahi - end, bhi - end, end))
    return alo, ahi - end, blo, bhi - end


def _gaps(blocks, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int, int]]:
    """The ranges between ordered blocks inside (alo, ahi, blo, bhi) that are open on both sides."""
    gaps, i, j = [], alo, blo
    for bi, bj, size in [*blocks, (ahi, bhi, 0)]:
        if i < bi and j < bj:
            gaps.append((i, bi, j, bj))
        i, j = bi + size, bj + size
    return gaps


def _ranges(blocks: list[tuple[int, int, int]], len_a: int, len_b: int) -> list[Range]:
    ranges: list[Range] = []
    i = j = 0
    for bi, bj, size in [*blocks, (len_a, len_b, 0)]:
        if i < bi or j < bj:
            ranges.append((False, i, bi, j, bj))
        if size:
            last = ranges[-1] if ranges else None
            if last and last[0] and last[2] == bi and last[4] == bj:
                ranges[-1] = (True, last[1], bi + size, last[3], bj + size)
            else:
                ranges.append((True, bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return ranges


def patience_anchors(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int, budget: Budget
) -> list[tuple[int, int]]:
    """Items found once in a[alo:ahi] and once in b[blo:bhi]: the longest chain of them in the
    same order on both sides (patience diff). n log n; one budget step per item, none after the
    budget is spent."""
    if not budget.spend((ahi - alo) + (bhi - blo)):
        return []
    in_a: dict[str, int] = {}
    for i in range(alo, ahi):
        if not _is_blank(a[i]):
            in_a[a[i]] = -1 if a[i] in in_a else i
    in_b: dict[str, int] = {}
    for j in range(blo, bhi):
        if in_a.get(b[j], -1) >= 0:
            in_b[b[j]] = -1 if b[j] in in_b else j
    pairs = sorted((in_a[item], j) for item, j in in_b.items() if j >= 0)
    # Longest increasing chain of j over pairs ordered by i, by patience sorting.
    tops: list[int] = []  # smallest j ending a chain of each length
    top_pair: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        place = bisect_left(tops, j)
        back.append(top_pair[place - 1] if place else -1)
        if place == len(tops):
            tops.append(j)
            top_pair.append(index)
        else:
            tops[place], top_pair[place] = j, index
    chain, index = [], top_pair[-1] if top_pair else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


# How far back from the first difference to look for a token boundary; past it, nothing is cut.
_BOUNDARY_WINDOW = 400


def common_ends(old: str, new: str) -> tuple[int, int, int]:
    """Where the common start ends, and where the common end starts in each text.

    Found by bisection on slice comparisons (C speed), so a long unchanged text costs almost
    nothing, then moved to a token boundary: between whitespace and non-whitespace, or before a
    sentence mark that does not follow a digit (no token crosses either).
    """
    shortest = min(len(old), len(new))
    low, high = 0, shortest
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    # Both characters around a cut lie in the common start while cut < low.
    start = 0
    for cut in range(low - 1, max(0, low - 1 - _BOUNDARY_WINDOW), -1):
        if _is_boundary(old[cut - 1], old[cut]):
            start = cut
            break
    low, high = 0, shortest - start
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle : len(old) - low] == new[len(new) - middle : len(new) - low]:
            low = middle
        else:
            high = middle - 1
    end = 0
    for length in range(low - 1, max(0, low - 1 - _BOUNDARY_WINDOW), -1):
        if _is_boundary(old[len(old) - length - 1], old[len(old) - length]):
            end = length
            break
    return start, len(old) - end, len(new) - end


def _is_boundary(before: str, after: str) -> bool:
    if before.isspace() != after.isspace():
        return True
    return after in ".!?;:" and not before.isdigit() and not before.isspace()
