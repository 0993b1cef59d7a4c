"""Suggest which clause of an earlier draft each clause of a new draft continues. Pure: no ORM.

The editor pastes a draft; for each of its clauses we suggest an ancestor in the parent draft,
the way diff aligns lines:

1. Scores (scores.py): TF-IDF cosine over lightly stemmed words (a spelled-out name also
   counts as its initials; "fifteen" is 15, "60:40" also 60 and 40, "three years" the same
   period as "thirty-six months"), a shared concept between different words (concepts.py:
   "troops" and "armed forces"), plus a small bonus for the same label. A clause's heading
   counts with its text here. Sparse: a word in nearly every clause weighs almost nothing and
   is not searched; candidates come from a clause's most distinctive words, with a bounded
   number of postings read; each keeps its best few.
2. Anchors: confident one-to-one matches, best first; those that keep the two drafts' order are
   anchors. A confident match out of order is a moved clause when strong, or when it is far
   clearer than any rival of either clause; a weak one is dropped.
3. Gaps (gaps.py): the clauses between two anchors align in order (a weighted longest common
   subsequence) at a much lower score, because the order vouches for them: less so when the
   gap holds many more earlier clauses than new ones, or when one side skips clauses the other
   does not.
   With no anchor at all, nothing vouches for the order and this step links nothing.
   Then neighbours that swapped places, the one clause left on each side (unless it plainly
   continues another earlier clause), and an earlier clause whose text is not known: it can
   match only here, by its label or as the one clause left on each side.
4. Leftovers out of order that are each other's best match beside a neighbour's ancestor: a
   clause moved a short way (past at most one continued clause; dropped ones do not count).
5. Splits and merges: a clause left over becomes a second successor (split) of its best
   ancestor when the match is strong, or fair and beside a successor (a clause split in three
   has its third part beside the second); an earlier clause left over joins a new clause
   (merge) when strong, or when it stood beside the first ancestor, or when it resembles no
   other new clause half as much, and the new clause resembles it about as much as the first.
   Beside a first ancestor that only the order vouched for, it must be that clear too; and a
   weak merge needs a new clause of more than one matter, as a weak split needs an earlier one.
6. The last ones left: two clauses no rule has linked, each the other's clear best among the
   clauses left (those already linked are no rivals any more), wherever they stand; or two
   earlier clauses left that both read that clearly like one new clause of more than one
   matter, merged into it; or two new clauses side by side that both read that clearly like
   one earlier clause of more than one matter, and like it alone: split from it.
7. Meaning (meaning.py): of the clauses still left, two that say the same in other words
   ("farmers whose orchards were burnt", "growers who lost fruit trees to fire"), by their
   words' GloVe vectors, each the other's clear best among those left (or fairly alike, when
   the text scores make them each other's clear best too). Anything else is a new clause.

Weak evidence (gaps, leftovers, splits and merges beside) must come from the text alone: not
the label, and not the heading, which in our record is our editors' title (they gave "EU
membership left open" and "NATO membership left to the allies" words the drafters never
shared). It never joins a final provision (provisions.py: a clause about the instrument
itself, "This Accord enters into force …"; not one that sets out its purpose) to a topical
clause, nor two final provisions on the instrument's own words alone; a weak split
needs an earlier clause of more than one matter (two sentences, a list, joined predicates), and
a weak merge a new one, since one plain statement cannot be split or hold two; with no anchor,
a swap needs a shared word that is not a function word. The thresholds were chosen on the
labelled evaluation set (peaceplans/evaluation/, `manage.py evalmatcher`);
change them only with its table in hand.
"""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..alignment import _longest_increasing
from . import meaning
from .figures import figure_term
from .gaps import SWAP_REACH, best_per_old, fill_gap
from .provisions import _INSTRUMENT_STEMS, _about_itself
from .scores import _FUNCTION_STEMS, TOP_K, _read, _top_scores
from .scores import similarity_matrix as similarity_matrix  # part of this module's API


@dataclass(frozen=True)
class Candidate:
    """A clause of the earlier draft that a new clause may descend from (text may be empty)."""

    key: Any
    label: str
    text: str
    heading: str = ""  # a title over the text, often our editors' words: see scores.HEADING_WEIGHT


@dataclass
class Suggestion:
    parent: Any | None  # the candidate's key, or None for a new clause
    score: float
    # "same" (continues a clause), "split" (a second successor), "meaning" (continues a clause
    # it shares next to no words with, by what they mean: the weakest evidence), "new"
    kind: str
    also: list[Any] = field(default_factory=list)  # further parents: a merge
    # The other earlier clauses this one reads most like, best first: what an editor checks when
    # the suggestion is wrong or missing (the preview offers them in the row's menu).
    nearest: list[Any] = field(default_factory=list)


MATCH_THRESHOLD = 0.3  # a confident match anywhere in the draft
MOVED_THRESHOLD = 0.45  # a confident match that breaks the order of the anchors
MOVED_CLEAR = 2.0  # ... or this many times any rival of either clause (1.75-2.2 alike; 2.5 loses 2)
LEFTOVER_THRESHOLD = 0.07  # two left over, each the other's best, moved a short way (0.06-0.08)
SPLIT_THRESHOLD = 0.45  # a second successor of one earlier clause
SPLIT_BESIDE_THRESHOLD = 0.10  # ... when it stands beside a successor (0.08-0.11 alike)
MERGE_THRESHOLD = 0.45  # a second ancestor of one new clause, each the other's best
MERGE_BESIDE_THRESHOLD = 0.12  # ... when it stood beside the first ancestor
MERGE_FAR_THRESHOLD = 0.13  # ... or, anywhere, when at least this (0.11-0.15 alike, 0.16 loses)
MERGE_FAR_CLEAR = 2.0  # ... and this many times its resemblance to any other new clause
MERGE_BALANCE = 0.47  # ... and it reads nearly as much like it as like the first (0.44-0.48)
LAST_THRESHOLD = 0.15  # two clauses left over at the end, anywhere
LAST_CLEAR = 1.75  # ... each this many times any other resemblance left (1.3-1.75 alike)
LABEL_BONUS = 0.05
NEAREST = 3  # other earlier clauses offered beside a suggestion

# Where one matter ends and another begins inside a clause: only such a clause can be split.
_PARTS = re.compile(r"[.;:,!?]\s+\S|\s(?:and|or|but|while|with)\s|\(\w{1,4}\)")


def suggest_ancestors(
    old: list[Candidate], new: list[tuple[str, ...]], *, threshold: float = MATCH_THRESHOLD
) -> list[Suggestion]:
    """For each new (label, text) or (label, text, heading), in the new draft's order, the
    earlier clause it continues.

    `old` is the earlier draft in its order; a candidate with empty text (not known) can only
    be placed by label and order between confidently matched neighbours."""
    known = [i for i, c in enumerate(old) if c.text.strip()]
    old_texts, new_texts = [old[i].text for i in known], [clause[1] for clause in new]
    vectors = _read(old_texts, new_texts)
    titled = vectors
    if any(old[i].heading for i in known) or any(len(c) > 2 and c[2] for c in new):
        titled = _read(
            old_texts,
            new_texts,
            old_headings=[old[i].heading for i in known],
            new_headings=[clause[2] if len(clause) > 2 else "" for clause in new],
        )
    raw = _top_scores(*titled, TOP_K)
    known_labels = [old[i].label for i in known]
    scores: list[dict[int, float]] = []
    for (label, *_), row in zip(new, raw, strict=True):
        scores.append(
            {known[i]: s + LABEL_BONUS if known_labels[i] == label else s for i, s in row.items()}
        )
    # Weak evidence is read from the texts alone: a heading is often our editors' title, and
    # editors give related clauses related titles ("EU membership left open", "NATO membership
    # left to the allies") that the drafters never wrote.
    texts = raw if titled is vectors else _top_scores(*vectors, TOP_K)
    evidence = _Evidence(old, new, known, texts, vectors)

    best_new = best_per_old(scores)
    match: dict[int, int] = {}  # new index -> old index
    score_of: dict[int, float] = {}
    taken: set[int] = set()  # old indexes in `match`

    def pair(j: int, i: int, s: float) -> None:
        match[j], score_of[j] = i, s
        taken.add(i)

    # 2. Confident matches, best first, one-to-one; anchors are those in order.
    pairs = sorted(
        (-s, j, i) for j, row in enumerate(scores) for i, s in row.items() if s >= threshold
    )
    for s, j, i in pairs:
        if j not in match and i not in taken:
            pair(j, i, -s)
    columns = _best_two(scores)
    ordered = sorted(match.items())
    in_order = {ordered[k][0] for k in _longest_increasing([i for _, i in ordered])}
    for j, i in ordered:
        if (
            j not in in_order
            and score_of[j] < MOVED_THRESHOLD
            and not _clear(scores, columns, j, i)
        ):
            del match[j], score_of[j]
            taken.discard(i)
    anchors = [(j, match[j]) for j in sorted(in_order) if j in match]

    # 3. Fill each gap between anchors in order.
    bounds = [(-1, -1), *anchors, (len(new), len(old))]
    for (j0, i0), (j1, i1) in zip(bounds, bounds[1:], strict=False):
        gap_new = [j for j in range(j0 + 1, j1) if j not in match]
        gap_old = [i for i in range(i0 + 1, i1) if i not in taken]
        if gap_new and gap_old:
            span = (j0, j1, i0, i1)
            for j, i, s in fill_gap(gap_new, gap_old, span, scores, old, new, evidence, threshold):
                pair(j, i, s)

    # 4. Leftovers that are each other's best match, a neighbour's ancestor beside the earlier
    # one: a clause moved a short way.
    before, after = _neighbours_ancestors(match, len(new), len(old))
    continued = sorted(taken)
    for j, row in enumerate(scores):
        if j in match or not row:
            continue
        i, s = max(row.items(), key=lambda item: (item[1], -item[0]))
        text = evidence.text(j, i)
        # Near a neighbour's ancestor: few continued clauses between; dropped ones do not count.
        near = any(
            j + step in match and _between(continued, i, match[j + step]) < SWAP_REACH
            for step in (-1, 1)
        )
        moved = not before[j] < i < after[j]  # in order, it was the gap's to take or leave
        mutual = i not in taken and best_new.get(i, (0, -1))[1] == j
        if text >= LEFTOVER_THRESHOLD and near and moved and mutual:
            pair(j, i, s)

    # 5. Splits and merges, only when strong or beside their sibling.
    # An earlier clause's successors so far: a clause split in three has its third part beside
    # the second.
    successors: dict[int, set[int]] = defaultdict(set)
    for j, i in match.items():
        successors[i].add(j)
    suggestions: list[Suggestion] = []
    for j, row in enumerate(scores):
        if j in match:
            suggestions.append(Suggestion(old[match[j]].key, _rounded(score_of[j]), "same"))
            continue
        best = max(row.items(), key=lambda item: (item[1], -item[0]), default=None)
        beside = best and not successors.get(best[0], set()).isdisjoint((j - 1, j + 1))
        if best and (
            best[1] >= SPLIT_THRESHOLD
            or (
                beside
                and _has_parts(old[best[0]].text)
                and evidence.text(j, best[0]) >= SPLIT_BESIDE_THRESHOLD
                and evidence.content(j, best[0])  # "and" and "is" in both say nothing
            )
        ):
            suggestions.append(Suggestion(old[best[0]].key, _rounded(best[1]), "split"))
            successors[best[0]].add(j)
        else:
            suggestions.append(Suggestion(None, _rounded(best[1]) if best else 0.0, "new"))
    offers: dict[int, list[tuple[float, int]]] = defaultdict(list)
    text_columns = _best_two(evidence.scores)
    for i, (_, j) in best_new.items():
        if i in taken or j not in match:
            continue
        confident = score_of[j] >= threshold
        if _merged_into(j, i, match[j], confident, evidence, text_columns):
            offers[j].append((evidence.text(j, i), i))
    merged = set()
    for j, offered in offers.items():
        _, i = max(offered, key=lambda item: (item[0], -item[1]))
        suggestions[j].also.append(old[i].key)
        merged.add(i)

    # 6. The last ones left: among the clauses no rule has linked, two that resemble each other
    # far more than either resembles any other clause left, wherever they stand.
    left_new = [j for j, s in enumerate(suggestions) if s.kind == "new"]
    left_old = set(evidence.position) - successors.keys() - merged
    for j, i, s, also in _last_left(left_new, left_old, evidence):
        suggestions[j] = Suggestion(old[i].key, _rounded(s), "same", [old[k].key for k in also])
        left_old -= {i, *also}
    left_new = [j for j, s in enumerate(suggestions) if s.kind == "new"]
    for j, i, s, t in _split_left(left_new, left_old, evidence):
        suggestions[j] = Suggestion(old[i].key, _rounded(s), "same")
        suggestions[j + 1] = Suggestion(old[i].key, _rounded(t), "split")
        left_old.discard(i)

    # 7. In meaning (meaning.py): two clauses still left that say the same in other words, each
    # the other's clear best among those left; never a final provision and a topical clause.
    left_new = [j for j, s in enumerate(suggestions) if s.kind == "new"]
    found = meaning.clear_pairs(
        [c.text for c in old],
        [c[1] for c in new],
        left_old,
        left_new,
        evidence.text,
        may_merge=lambda j: _has_parts(new[j][1]),
        comparable=lambda j, i: _about_itself(old[i].text) == _about_itself(new[j][1]),
    )
    for j, i, s, also in found:
        suggestions[j] = Suggestion(old[i].key, _rounded(s), "meaning", [old[k].key for k in also])
        left_old -= {i, *also}
    # A clause linked in meaning takes a second ancestor as step 5 gives one, weak evidence on
    # weak: an earlier clause left that reads most like it, as clearly as a far merge.
    position = {candidate.key: n for n, candidate in enumerate(old)}
    for i in sorted(left_old):
        j = next(iter(text_columns.get(i, ())), (0.0, None))[1]
        linked = suggestions[j] if j is not None else None
        if (
            linked
            and linked.kind == "meaning"
            and not linked.also
            and _merged_into(j, i, position[linked.parent], False, evidence, text_columns)
        ):
            linked.also.append(old[i].key)
    for j, suggestion in enumerate(suggestions):
        linked = {suggestion.parent, *suggestion.also}
        ranked = sorted(evidence.scores[j].items(), key=lambda item: (-item[1], item[0]))
        nearest = (old[i].key for i, _ in ranked if old[i].key not in linked)
        suggestion.nearest = list(islice(nearest, NEAREST))
    return suggestions


def _merged_into(j: int, i: int, first: int, confident: bool, evidence, text_columns) -> bool:
    """Whether earlier clause i is new clause j's second ancestor beside its first (`first`,
    a `confident` match or not), or far from it. Strong; or weak and beside or far, reading
    nearly as much like j as the first does, j being of more than one matter."""
    main, s = evidence.text(j, first), evidence.text(j, i)
    # Far from the first ancestor: only when the earlier clause resembles this new clause far
    # more than any other, and the new clause resembles it nearly as much as the first.
    rival = next((t for t, n in text_columns.get(i, ()) if n != j), 0.0)
    clear = s >= MERGE_FAR_CLEAR * rival
    # Far away, a shared figure ("for ten years") is a coincidence, not a merge.
    far = s >= MERGE_FAR_THRESHOLD and clear and evidence.topical(j, i)
    # Beside a first ancestor that only the order vouched for (a gap link, not a confident
    # match), a weak second one must be as clear as a far one: weak evidence on weak.
    beside = abs(first - i) == 1 and s >= MERGE_BESIDE_THRESHOLD and (confident or clear)
    # A weak merge needs a new clause of more than one matter, as a weak split needs an
    # earlier one: one plain statement ("the army is capped at 700,000") holds one ancestor.
    weak = (beside or far) and s >= MERGE_BALANCE * main and _has_parts(evidence.new[j][1])
    return s >= MERGE_THRESHOLD or weak


def _last_left(left_new, left_old, evidence) -> list[tuple[int, int, float, list[int]]]:
    """(new, old, text score, further old) of clauses left over that are each other's best
    among those left, at least LAST_THRESHOLD and LAST_CLEAR times any other score among them:
    the clauses already linked are no rivals any more. Two earlier clauses left that both read
    that clearly like one new clause of more than one matter, and like it alone, were merged
    into it."""
    rows = {
        j: {i: evidence.text(j, i) for i in evidence.scores[j] if i in left_old} for j in left_new
    }
    columns: dict[int, list[float]] = defaultdict(list)
    for row in rows.values():
        for i, s in row.items():
            columns[i].append(s)
    for scores in columns.values():
        scores.sort(reverse=True)

    def alone(i: int, s: float) -> bool:  # no other new clause left reads half as much like it
        others = columns[i]
        return others[0] == s and s >= LAST_CLEAR * (others[1] if len(others) > 1 else 0.0)

    found = []
    for j, row in rows.items():
        if not row:
            continue
        ranked = sorted(row.items(), key=lambda item: (-item[1], item[0]))
        (i, s), rest = ranked[0], ranked[1:]
        rival = rest[0][1] if rest else 0.0
        if s < LAST_THRESHOLD or not alone(i, s):
            continue
        if s >= LAST_CLEAR * rival:
            found.append((j, i, s, []))
            continue
        # Not clear of the second: a merge, when the second is as clear of everything else.
        k, t = rest[0]
        third = rest[1][1] if len(rest) > 1 else 0.0
        merged = t >= LAST_THRESHOLD and alone(k, t) and t >= LAST_CLEAR * third
        if merged and _has_parts(evidence.new[j][1]):
            found.append((j, i, s, [k]))
    return found


def _split_left(left_new, left_old, evidence) -> list[tuple[int, int, float, float]]:
    """(new, old, text score, the next new clause's text score) of two new clauses left side by
    side that each read clearly like one earlier clause left, of more than one matter, and like
    it alone but for each other: that clause split in two."""
    rows = {}
    for j in left_new:
        ranked = sorted(
            ((evidence.text(j, i), i) for i in evidence.scores[j] if i in left_old), reverse=True
        )
        if ranked and ranked[0][0] >= LAST_THRESHOLD:
            rival = ranked[1][0] if len(ranked) > 1 else 0.0
            if ranked[0][0] >= LAST_CLEAR * rival:
                rows[j] = ranked[0]
    # Each earlier clause's three best new clauses left: what reads like it beside a pair.
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for k in left_new:
        for i in evidence.scores[k]:
            if i in left_old:
                best[i].append((evidence.text(k, i), k))
    for i, readers in best.items():
        best[i] = sorted(readers, reverse=True)[:3]
    found = []
    for j, (s, i) in rows.items():
        if rows.get(j + 1, (0.0, None))[1] != i or not _has_parts(evidence.old[i].text):
            continue
        t = rows[j + 1][0]
        other = next((x for x, k in best[i] if k not in (j, j + 1)), 0.0)
        if min(s, t) >= LAST_CLEAR * other:
            found.append((j, i, s, t))
    return found


def _clear(scores: list[dict[int, float]], columns, j: int, i: int) -> bool:
    """Whether new clause j and earlier clause i resemble each other far more than either
    resembles anything else: a confident match that may break the order (a moved clause).
    `columns` holds each earlier clause's two best (score, new index), from `_best_two`."""
    s = scores[j][i]
    rival = max((t for k, t in scores[j].items() if k != i), default=0.0)
    for t, n in columns.get(i, ()):
        if n != j:
            rival = max(rival, t)
            break
    return s >= MOVED_CLEAR * rival


def _best_two(scores: list[dict[int, float]]) -> dict[int, list[tuple[float, int]]]:
    """For each earlier clause, its two best (score, new index), best first."""
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for j, row in enumerate(scores):
        for i, s in row.items():
            top = best[i]
            top.append((s, j))
            if len(top) > 2:
                top.sort(reverse=True)
                top.pop()
    for top in best.values():
        top.sort(reverse=True)
    return best


def _between(ordered: list[int], a: int, b: int) -> int:
    """How many of the sorted values lie strictly between a and b."""
    low, high = min(a, b), max(a, b)
    return max(0, bisect_left(ordered, high) - bisect_right(ordered, low))


class _Evidence:
    """What the texts alone say of a new clause j and an earlier clause i: the weak rules read
    only this, never the label or a heading."""

    def __init__(self, old, new, known, scores, vectors):
        self.old, self.new = old, new
        self.position = {i: k for k, i in enumerate(known)}
        self.scores = [{known[k]: s for k, s in row.items()} for row in scores]
        self.old_vectors, self.new_vectors = vectors

    def text(self, j: int, i: int) -> float:
        """The texts' resemblance; none between a final provision and a topical clause."""
        if _about_itself(self.old[i].text) != _about_itself(self.new[j][1]):
            return 0.0
        return self.scores[j].get(i, 0.0)

    def content(self, j: int, i: int) -> bool:
        """Whether the two texts share a word other than a function word; between two final
        provisions, other than the words every final provision uses ("agreement", "force")."""
        shared = self.new_vectors[j].keys() & self.old_vectors[self.position[i]].keys()
        if _about_itself(self.new[j][1]) and _about_itself(self.old[i].text):
            return not shared <= _FUNCTION_STEMS | _INSTRUMENT_STEMS
        return not shared <= _FUNCTION_STEMS

    def topical(self, j: int, i: int) -> bool:
        """Whether the two texts share a word about their matter: not a function word, and not
        a figure or its unit ("ten years" in two clauses on different matters)."""
        shared = self.new_vectors[j].keys() & self.old_vectors[self.position[i]].keys()
        return any(term not in _FUNCTION_STEMS and not figure_term(term) for term in shared)


def _neighbours_ancestors(match: dict[int, int], rows: int, cols: int):
    """For each new clause, the ancestors of the nearest matched clauses before and after it
    (-1 and `cols` at the ends)."""
    before, after = [-1] * rows, [cols] * rows
    last = -1
    for j in range(rows):
        before[j] = last
        last = match.get(j, last)
    last = cols
    for j in reversed(range(rows)):
        after[j] = last
        last = match.get(j, last)
    return before, after


def _has_parts(text: str) -> bool:
    """More than one sentence, a list or two joined matters: a clause that can be split. A
    single plain statement is one matter; a new clause beside its successor is a new clause."""
    return _PARTS.search(text.strip()) is not None


def _rounded(score: float) -> float:
    return round(min(score, 1.0), 3)
