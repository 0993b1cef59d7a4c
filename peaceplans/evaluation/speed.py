"""Time and memory of the matcher on two large synthetic drafts. Pure: no ORM."""

import gc
import random
import time
import tracemalloc
from dataclasses import dataclass

from ..lineage import Candidate, Suggestion, suggest_ancestors
from ..lineage.meaning import common_words


def large_drafts(size: int, *, seed: int = 500) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """`size` clauses of 60 words from a 3,000-word vocabulary, and a later draft in shuffled
    order with a quarter of each clause's words replaced: every clause shares words with almost
    every other, the worst case for a word index."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    old = [
        Candidate(i, str(i + 1), " ".join(rng.choice(vocabulary) for _ in range(60)))
        for i in range(size)
    ]
    new = []
    for candidate in old:
        words = candidate.text.split()
        for _ in range(15):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        new.append((candidate.label, " ".join(words)))
    rng.shuffle(new)
    return old, new


def unrelated_drafts(
    size: int, new_size: int | None = None, *, seed: int = 200
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """Two drafts of `size` and `new_size` (as many) clauses of 30 words from the 5,000
    commonest English words, drawn apart: nothing continues anything, every clause is left
    over to the end, and the meaning step (lineage/meaning.py) compares them all, up to its
    bounds (200 x 200 pairs, 1,000 clauses left)."""
    rng = random.Random(seed)
    vocabulary = common_words(5000)
    old = [
        Candidate(i, str(i + 1), " ".join(rng.choice(vocabulary) for _ in range(30)))
        for i in range(size)
    ]
    new = [
        (f"N{i + 1}", " ".join(rng.choice(vocabulary) for _ in range(30)))
        for i in range(size if new_size is None else new_size)
    ]
    return old, new


@dataclass
class Measure:
    size: int
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time: steadier on a shared machine
    peak_mb: float  # tracemalloc's peak during a second, traced run
    correct: int


def measure(size: int, matcher=suggest_ancestors, drafts=large_drafts) -> Measure:
    old, new = drafts(size)
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    suggestions: list[Suggestion] = matcher(old, new)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    gc.collect()
    tracemalloc.start()
    matcher(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    by_key = {c.key: c for c in old}
    correct = sum(
        s.parent is not None and by_key[s.parent].label == label
        for (label, _), s in zip(new, suggestions, strict=True)
    )
    return Measure(size, seconds, cpu, peak / 1e6, correct)
