"""What two clauses mean alike when they share no words: "every activist arrested since election
night must be freed" and "the government undertook to release persons detained in connection
with the protests". Pure: no ORM.

A clause reads as the IDF-weighted sum of its words' GloVe vectors (GloVe 6B, 100 dimensions,
the 40,000 most frequent words: data/glove-100d-40k.bin, built by scripts/build-word-vectors;
public domain). All vectors of the two drafts share a direction (they are all about a peace
deal), so each is measured from their mean: the cosine then says how much more alike two
clauses are than any two clauses of these drafts. The matcher asks this only of the clauses
left over at its end, and links two only when each is the other's clear best: clear in meaning
alone, or fairly alike in meaning when the text scores make them each other's clear best too;
and a new clause of two matters takes the two earlier clauses that both mean what it says.
"""

import math
import re
import sys
from array import array
from collections import Counter
from functools import lru_cache
from operator import mul
from pathlib import Path

from .scores import FUNCTION_WORDS

MAGIC = "peaceplans-word-vectors-1"
DIMENSIONS = 100
VECTORS_FILE = Path(__file__).resolve().parent / "data" / "glove-100d-40k.bin"

# Chosen on the evaluation set: a centred cosine of 0.45 links no wrong pair (0.40 and 0.35
# each link a wrong one in a pair with a target); a margin of 0.05-0.15 over any rival alike.
THRESHOLD = 0.45
MARGIN = 0.10
# ... or, when the text scores make the two each other's clear best too (at least 0.06 and 1.5
# times any other score left), a cosine of AGREED_MEANING that, with the text score, makes
# AGREED (0.33: 0.30-0.33 alike, 0.36 links two right pairs fewer; a text score of 0.05 links
# a wrong pair, Tolvaine 14, 0.08 loses three right ones).
AGREED = 0.33
AGREED_MEANING = 0.20
AGREED_TEXT = 0.06
AGREED_RATIO = 1.5
# Bounded work: at most this many pairs of left-over clauses compared (200 x 200: 0.4 s), and
# this many clauses left on both sides together; past either bound the step links nothing.
MAX_COMPARED = 40_000
MAX_LEFT = 1_000
CENTRE_SAMPLE = 400  # clauses whose mean vector is the centre, spread over both drafts
MAX_WORDS = 64  # a clause's most distinctive words that make its vector

_WORD = re.compile(r"[^\W\d_]+")
# Besides the function words: who speaks and how much, the register of a transcript or a
# thread ("I", "you", "my"), not its matter; figures are the text scores' business.
_SPEAKERS_AND_COUNTS = (
    "i me my mine you your yours he him his she her hers us ours one two three four five six "
    "seven eight nine ten"
)
_SKIP = FUNCTION_WORDS | frozenset(_SPEAKERS_AND_COUNTS.split())


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], array, array]:
    """(word -> row, scales, the rows' signed bytes), read once per process."""
    data = VECTORS_FILE.read_bytes()
    first = data.index(b"\n")
    magic, count, dimensions = data[:first].decode("ascii").split()
    if magic != MAGIC or int(dimensions) != DIMENSIONS:
        raise ValueError(f"{VECTORS_FILE} is not a {MAGIC} file of {DIMENSIONS} dimensions")
    second = data.index(b"\n", first + 1)
    words = data[first + 1 : second].decode("ascii").split(" ")
    count = int(count)
    scales = array("f")
    scales.frombytes(data[second + 1 : second + 1 + 4 * count])
    if sys.byteorder == "big":  # the file's floats are little-endian
        scales.byteswap()
    rows = array("b")
    rows.frombytes(data[second + 1 + 4 * count :])
    if len(words) != count or len(rows) != count * DIMENSIONS:
        raise ValueError(f"{VECTORS_FILE} is truncated")
    return {word: k for k, word in enumerate(words)}, scales, rows


def is_common_word(word: str) -> bool:
    """Whether `word` (lower case) is among the 40,000 most frequent English words the vectors
    hold: "reconstruction" is, "powersharing" and "recon" are not."""
    return word in _table()[0]


def common_words(count: int) -> list[str]:
    """The `count` most frequent words the vectors hold, most frequent first."""
    index = _table()[0]
    return sorted(index, key=index.__getitem__)[:count]


def _words(text: str) -> list[str]:
    index = _table()[0]
    return [w for w in _WORD.findall(text.lower()) if w not in _SKIP and w in index]


def _row(word: str) -> tuple[float, array]:
    """A word's scale and its vector's signed bytes (the vector is their product): a slice,
    read afresh each time, so no cache grows with the words a process has seen."""
    index, scales, rows = _table()
    k = index[word]
    return scales[k], rows[k * DIMENSIONS : (k + 1) * DIMENSIONS]


def _unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(map(mul, vector, vector)))
    return [x / norm for x in vector] if norm else vector


class Meanings:
    """The centred meaning vectors of two drafts' clauses, computed only for the clauses asked."""

    def __init__(self, texts: list[str]):
        self.words = [Counter(_words(text)) for text in texts]
        frequency = Counter(w for words in self.words for w in words)
        total = len(texts) + 1
        self.weight = {w: math.log(total / (n + 0.5)) for w, n in frequency.items()}
        self._raws: dict[int, list[float]] = {}
        self._cache: dict[int, list[float]] = {}
        worded = [k for k, words in enumerate(self.words) if words]
        step = max(1, len(worded) // CENTRE_SAMPLE)
        sample = [self._raw(k) for k in worded[::step]]
        self.centre = (
            [sum(column) / len(sample) for column in zip(*sample, strict=True)]
            if sample
            else [0.0] * DIMENSIONS
        )

    def _raw(self, k: int) -> list[float]:
        if k in self._raws:
            return self._raws[k]
        weighted = sorted(
            ((self.weight[w] * (1 + math.log(n)), w) for w, n in self.words[k].items()),
            reverse=True,
        )
        total = [0.0] * DIMENSIONS
        for weight, word in weighted[:MAX_WORDS]:
            scale, row = _row(word)
            weight *= scale
            total = [t + weight * x for t, x in zip(total, row, strict=True)]
        self._raws[k] = _unit(total)
        return self._raws[k]

    def vector(self, k: int) -> list[float]:
        if k not in self._cache:
            raw = self._raw(k)
            self._cache[k] = (
                _unit([x - c for x, c in zip(raw, self.centre, strict=True)]) if any(raw) else raw
            )
        return self._cache[k]

    def cosine(self, a: int, b: int) -> float:
        return sum(map(mul, self.vector(a), self.vector(b)))


def clear_pairs(
    old_texts: list[str],
    new_texts: list[str],
    left_old,
    left_new,
    text=None,
    may_merge=None,
    comparable=None,
):
    """(new index, old index, cosine, further old indexes) for the left-over clauses (indexes
    into the texts) that are each other's best in meaning, at least THRESHOLD and MARGIN above
    any rival left over on either side; or above any rival and at least AGREED_MEANING when
    the texts agree, and the cosine and the text score `text(j, i)` make AGREED together: the
    text score at least AGREED_TEXT and AGREED_RATIO times any other among the clauses left.
    A new clause that `may_merge` and whose two best earlier clauses are both at least
    THRESHOLD and MARGIN above anything else left takes both. Two clauses that are not
    `comparable(j, i)` (a final provision and a topical clause) read as unalike. Nothing when
    more than MAX_COMPARED pairs would be compared or more than MAX_LEFT clauses are left."""
    left_old, left_new = sorted(left_old), sorted(left_new)
    if not left_old or not left_new:
        return []
    if len(left_old) * len(left_new) > MAX_COMPARED or len(left_old) + len(left_new) > MAX_LEFT:
        return []
    meanings = Meanings([*old_texts, *new_texts])
    at = len(old_texts)
    cosine = {
        (j, i): meanings.cosine(at + j, i) if comparable is None or comparable(j, i) else -1.0
        for j in left_new
        for i in left_old
    }
    # Each earlier clause's two best new clauses: its rival for any one of them, read once.
    best_two: dict[int, list[tuple[float, int]]] = {}
    for i in left_old:
        best_two[i] = sorted(((cosine[j, i], j) for j in left_new), reverse=True)[:2]

    def column_rival(i: int, j: int) -> float:
        return next((c for c, n in best_two[i] if n != j), -1.0)

    found = []
    for j in left_new:
        ranked = sorted(((cosine[j, i], i) for i in left_old), reverse=True)
        s, i = ranked[0]
        rival = max(ranked[1][0] if len(ranked) > 1 else -1.0, column_rival(i, j), 0.0)
        # Two earlier clauses that both mean what this one says, and nothing else left comes
        # near: merged into it, if `may_merge(j)` (it holds more than one matter).
        if may_merge and len(ranked) > 1 and ranked[1][0] >= THRESHOLD and may_merge(j):
            t, k = ranked[1]
            third = ranked[2][0] if len(ranked) > 2 else 0.0
            if t - max(third, column_rival(i, j), column_rival(k, j), 0.0) >= MARGIN:
                found.append((j, i, s, [k]))
                continue
        clear = s >= THRESHOLD and s - rival >= MARGIN
        agreed = text is not None and s >= AGREED_MEANING and s > rival
        if clear or (agreed and _texts_agree(text, s, j, i, left_old, left_new)):
            found.append((j, i, s, []))
    return found


def _texts_agree(text, cosine: float, j: int, i: int, left_old, left_new) -> bool:
    """Whether the text scores also make j and i each other's clear best among those left, and
    make AGREED with their cosine."""
    t = text(j, i)
    if t < AGREED_TEXT or t + cosine < AGREED:
        return False
    rivals = [text(j, k) for k in left_old if k != i] + [text(k, i) for k in left_new if k != j]
    return t >= AGREED_RATIO * max(rivals, default=0.0)
