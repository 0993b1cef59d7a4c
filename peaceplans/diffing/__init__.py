"""Word-level diffs of clause texts, rendered as escaped side-by-side HTML. Pure: no ORM.

Clause text is plain text from users. Every fragment is escaped here and the result is marked
safe once per column: this is the only module allowed to mark HTML safe.

How a diff is made, and why its cost is bounded whatever the text:
1. The common start and end are cut off at C speed: a 1 MB clause with one word changed costs
   about what a one-line clause costs.
2. The rest is split into sentences and the sentences are aligned; then the words of each run of
   changed sentences are diffed together (not sentence i with sentence i), so a sentence that was
   split, merged or reworded reads as the words that changed. Of equally long runs of equal
   sentences, the one nearest the diagonal is paired: a text pasted twice pairs each copy with
   its own.
3. Both alignments share one work budget (`WORK_BUDGET`, measured to stay near 50 ms on this
   machine; see `matching.py`). Past it, a passage is shown replaced whole and `coarse` is set.
4. A changed part longer than `MAX_CHANGED_TOKENS` is shown replaced whole, with `too_long`.

For the reader: differences in whitespace or in invisible characters alone are not changes;
a rewritten passage that keeps only short common words ("the", "if"), or under a fifth of its
words, is shown as one replacement; and one or two common words kept between two long changes
are folded into them.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .matching import Budget, align, common_ends
from .tokens import (
    COMMON_WORDS,
    drop_invisible,
    is_space,
    marks,
    sentence_spans,
    sentences,
    tokenize,
    word_count,
    words,
)

__all__ = ["Segment", "TextDiff", "diff_texts", "normalize", "sentences", "texts_equal", "tokenize"]

# A side longer than this is not even tokenized: shown replaced whole, with `too_long`.
MAX_DIFF_CHARS = 2_000_000
# Characters and tokens (both sides) left once the common start and end are cut off, past
# which the changed part is shown replaced whole, with `too_long`.
MAX_CHANGED_CHARS = 400_000
MAX_CHANGED_TOKENS = 100_000
# Steps of work allowed per diff, all alignments together, and per longest-match search (one
# step is one inner-loop turn of difflib's search, about 0.5 µs on the 2-core CI machine under
# load): about 50 ms and 10 ms. Measured with scripts/bench-diff.
WORK_BUDGET = 100_000
SEARCH_STEPS = 20_000
# A passage keeping fewer than one word in KEPT_FRACTION of its words is shown replaced whole.
KEPT_FRACTION = 5
# Diffs of texts up to this size (both sides together) are kept in a per-process cache of
# CACHE_SIZE entries: at most about 20 MB per worker, typically well under 1 MB.
CACHE_CHARS = 20_000
CACHE_SIZE = 256


def normalize(text: str) -> str:
    """Same text, same bytes: composed accents (NFC), LF line ends and no invisible characters
    (zero-width spaces, soft hyphens: `tokens.INVISIBLE`), so no phantom changes. A zero-width
    space is nothing, not a space: "peace", a zero-width space, "plan" reads "peaceplan"."""
    text = drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "delete", "insert" or "replace"
    old: str
    new: str  # for "equal": the same words and marks as `old`, maybe spaced differently


@dataclass(frozen=True)
class TextDiff:
    segments: tuple[Segment, ...]
    too_long: bool = False  # the changed part was too long to compare word by word
    coarse: bool = False  # some passages too costly to compare are shown replaced whole

    @property
    def changed(self) -> bool:
        return any(segment.kind != "equal" for segment in self.segments)

    @property
    def old_html(self) -> SafeString:
        return _render(self.segments, side="old")

    @property
    def new_html(self) -> SafeString:
        return _render(self.segments, side="new")

    @property
    def inline_html(self) -> SafeString:
        """One redline: each deletion struck through just before what replaced it."""
        return _render_inline(self.segments)

    @property
    def change_ratio(self) -> float:
        """Share of the words on either side deleted or inserted (0: the same, 1: all new)."""
        total = sum(word_count(s.old) + word_count(s.new) for s in self.segments)
        if not total:
            return 0.0
        counts = self.counts
        return (counts["deleted"] + counts["inserted"]) / total

    @property
    def counts(self) -> dict[str, int]:
        """Words (a number counts as one) deleted and inserted, for summaries."""
        changes = [s for s in self.segments if s.kind != "equal"]
        return {
            "deleted": sum(word_count(s.old) for s in changes),
            "inserted": sum(word_count(s.new) for s in changes),
        }

    def operations(self) -> list[tuple[str, str]]:
        """The diff as (op, text) pairs, op "equal", "delete" or "insert"; a replacement is a
        delete then an insert. Equal and delete texts joined give the old text; equal and insert
        texts, the new one.

        Where the sides differ only in spacing (not a change), the whitespace alone comes as a
        delete and an insert, so that both texts are rebuilt exactly.
        """
        ops: list[tuple[str, str]] = []
        for segment in self.segments:
            if segment.kind == "equal":
                ops.extend(_spacing_operations(segment.old, segment.new))
                continue
            if segment.old:
                ops.append(("delete", segment.old))
            if segment.new:
                ops.append(("insert", segment.new))
        merged: list[tuple[str, str]] = []
        for op, text in ops:
            if merged and merged[-1][0] == op:
                merged[-1] = (op, merged[-1][1] + text)
            else:
                merged.append((op, text))
        return merged


def texts_equal(old: str, new: str, *, ignore_whitespace: bool = False) -> bool:
    """The same text once normalised. With `ignore_whitespace`: the same words and marks in the
    same order however spaced, which is when `diff_texts(old, new).changed` is false (for texts
    under MAX_DIFF_CHARS; past it any difference is shown)."""
    old, new = normalize(old), normalize(new)
    if old == new:
        return True
    return ignore_whitespace and _same_marks(old, new)


def diff_texts(old: str, new: str) -> TextDiff:
    old, new = normalize(old), normalize(new)
    if len(old) + len(new) <= CACHE_CHARS:
        return _cached_diff(old, new)
    return _diff(old, new)


@lru_cache(maxsize=CACHE_SIZE)
def _cached_diff(old: str, new: str) -> TextDiff:
    return _diff(old, new)


def _diff(old: str, new: str) -> TextDiff:
    if old == new:
        return TextDiff((Segment("equal", old, new),) if old else ())
    if max(len(old), len(new)) > MAX_DIFF_CHARS:
        return TextDiff((_change(old, new),), too_long=True)
    start, old_end, _ = common_ends(old, new)
    start, old_end = _whole_sentences(old, start, old_end)
    new_end = len(new) - (len(old) - old_end)
    head, tail = _equal(old[:start]), _equal(old[old_end:])
    old_middle, new_middle = old[start:old_end], new[start:new_end]
    if len(old_middle) + len(new_middle) > MAX_CHANGED_CHARS:
        raw = [head, _change(old_middle, new_middle), tail]
        return TextDiff(tuple(_coalesce(raw)), too_long=True)
    if _same_marks(old_middle, new_middle):
        return TextDiff(tuple(_coalesce([head, Segment("equal", old_middle, new_middle), tail])))
    a, b = tokenize(old_middle), tokenize(new_middle)
    if len(a) + len(b) > MAX_CHANGED_TOKENS:
        raw = [head, _change(old_middle, new_middle), tail]
        return TextDiff(tuple(_coalesce(raw)), too_long=True)
    budget = Budget(WORK_BUDGET, search_steps=SEARCH_STEPS)
    raw = [head, *_diff_passages(a, b, budget), tail]
    return TextDiff(tuple(_coalesce(raw)), coarse=budget.coarse)


# How far around the first and last difference to look for the sentences that hold them.
_SENTENCE_WINDOW = 2_000
_SPACE_AFTER_MARK = re.compile(r"(?<=\S)\s")


def _whole_sentences(old: str, start: int, end: int) -> tuple[int, int]:
    """Widen the changed part of old, old[start:end] (cut at token boundaries, with old[:start]
    and old[end:] common to both texts), to the whole sentences it touches, so that a passage is
    always judged whole. Looks no further than `_SENTENCE_WINDOW` characters either way."""
    window = _boundary_in(old, max(0, start - _SENTENCE_WINDOW), start)
    tokens = tokenize(old[window : start + _SENTENCE_WINDOW])
    position = window
    for first, last in sentence_spans(tokens):
        length = sum(len(token) for token in tokens[first:last])
        if position + length > start:
            if first or window == 0:  # a sentence known to start here
                start = position
            break
        position += length
    window = _boundary_in(old, max(start, end - _SENTENCE_WINDOW), end)
    tokens = tokenize(old[window : end + _SENTENCE_WINDOW])
    position = window
    for first, last in sentence_spans(tokens):
        sentence_start = position
        position += sum(len(token) for token in tokens[first:last])
        if position >= end:
            known_end = last < len(tokens) or position == len(old)
            if sentence_start < end and known_end:  # the sentence holding the last change
                end = position
            break
    return start, end


def _boundary_in(text: str, low: int, high: int) -> int:
    """The first token boundary in text[low:high] (a space run after a mark), else high."""
    if low == 0:
        return 0
    found = _SPACE_AFTER_MARK.search(text, low, high)
    return found.start() if found else high


def _same_marks(old: str, new: str) -> bool:
    """The same tokens but for whitespace. The same non-space characters is a quick first test."""
    return "".join(old.split()) == "".join(new.split()) and marks(old) == marks(new)


def _equal(text: str) -> Segment:
    return Segment("equal", text, text)


def _change(old: str, new: str) -> Segment:
    kind = "replace" if old and new else ("delete" if old else "insert")
    return Segment(kind, old, new)


def _diff_passages(a: list[str], b: list[str], budget: Budget) -> list[Segment]:
    """Align sentences; diff the words of each run of changed sentences (a passage) as one."""
    a_spans, b_spans = sentence_spans(a), sentence_spans(b)
    a_keys = [" ".join("".join(a[s:e]).split()) for s, e in a_spans]
    b_keys = [" ".join("".join(b[s:e]).split()) for s, e in b_spans]
    segments: list[Segment] = []
    for equal, i1, i2, j1, j2 in align(a_keys, b_keys, budget, diagonal=True):
        old = a[a_spans[i1][0] : a_spans[i2 - 1][1]] if i1 < i2 else []
        new = b[b_spans[j1][0] : b_spans[j2 - 1][1]] if j1 < j2 else []
        if equal:
            segments.append(Segment("equal", "".join(old), "".join(new)))
        else:
            segments.extend(_diff_words(old, new, budget))
    return segments


def _diff_words(a: list[str], b: list[str], budget: Budget) -> list[Segment]:
    a_keys = [" " if token[0].isspace() else token for token in a]
    b_keys = [" " if token[0].isspace() else token for token in b]
    segments = []
    for equal, i1, i2, j1, j2 in align(a_keys, b_keys, budget):
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        segments.append(Segment("equal", old, new) if equal else _change(old, new))
    segments = _coalesce(segments)
    if _rewritten(segments):
        return [_change("".join(a), "".join(b))]
    return _fold_confetti(segments)


def _rewritten(segments: list[Segment]) -> bool:
    """A heavy rewrite: what the passage keeps is only short common words, or under a fifth of
    it, while at least three words changed. Shown whole, it reads better than confetti."""
    kept = [word.lower() for s in segments if s.kind == "equal" for word in words(s.old)]
    changes = [s for s in segments if s.kind != "equal"]
    deleted = sum(word_count(s.old) for s in changes)
    inserted = sum(word_count(s.new) for s in changes)
    if max(deleted, inserted) < 3:
        return False
    only_common = all(word in COMMON_WORDS for word in kept)
    return only_common or len(kept) * KEPT_FRACTION < len(kept) + max(deleted, inserted)


def _fold_confetti(segments: list[Segment]) -> list[Segment]:
    """Fold into one change what is kept between two changes when it is only confetti: a lone
    mark or space, or one or two short common words between two long changes."""
    out: list[Segment] = []
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else None
        fold = (
            segment.kind == "equal"
            and out
            and out[-1].kind != "equal"
            and following is not None
            and following.kind != "equal"
            and _is_confetti(segment.old, out[-1], following)
        )
        if fold or (segment.kind != "equal" and out and out[-1].kind != "equal"):
            previous = out.pop()
            out.append(_change(previous.old + segment.old, previous.new + segment.new))
        else:
            out.append(segment)
    return out


def _is_confetti(kept: str, before: Segment, after: Segment) -> bool:
    stripped = kept.strip()
    if len(stripped) <= 1 and not stripped.isalnum():
        return True
    kept_words = words(kept)
    return (
        len(kept_words) <= 2
        and all(word.lower() in COMMON_WORDS for word in kept_words)
        and min(_longer_side(before), _longer_side(after)) >= 3
    )


def _longer_side(change: Segment) -> int:
    return max(word_count(change.old), word_count(change.new))


def _coalesce(raw: list[Segment]) -> list[Segment]:
    """Drop empty pieces, count changes of whitespace alone as equal, merge neighbours."""
    merged: list[Segment] = []
    for segment in raw:
        if not segment.old and not segment.new:
            continue
        equal = segment.kind == "equal" or not (segment.old.strip() or segment.new.strip())
        if merged and (merged[-1].kind == "equal") == equal:
            previous = merged.pop()
            old, new = previous.old + segment.old, previous.new + segment.new
            merged.append(Segment("equal", old, new) if equal else _change(old, new))
        else:
            merged.append(Segment("equal", segment.old, segment.new) if equal else segment)
    return merged


def _spacing_operations(old: str, new: str) -> list[tuple[str, str]]:
    """An equal run's operations: its tokens, and whitespace deleted or inserted where the two
    sides space the same words and marks differently."""
    if old == new:
        return [("equal", old)] if old else []
    a, b = tokenize(old), tokenize(new)
    ops: list[tuple[str, str]] = []
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and a[i] == b[j]:
            ops.append(("equal", a[i]))
            i, j = i + 1, j + 1
            continue
        moved = False
        if i < len(a) and is_space(a[i]):
            ops.append(("delete", a[i]))
            i, moved = i + 1, True
        if j < len(b) and is_space(b[j]):
            ops.append(("insert", b[j]))
            j, moved = j + 1, True
        if not moved:  # not a spacing difference after all: keep both texts exact anyway
            ops.extend([("delete", "".join(a[i:])), ("insert", "".join(b[j:]))])
            break
    return [(op, text) for op, text in ops if text]


def _render(segments: tuple[Segment, ...], *, side: str) -> SafeString:
    parts = []
    for segment in segments:
        text = segment.old if side == "old" else segment.new
        if not text:
            continue
        if segment.kind == "equal":
            parts.append(escape(text))
        elif side == "old":
            parts.append(f"<del>{escape(text)}</del>")
        else:
            parts.append(f"<ins>{escape(text)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every fragment above is escaped


def _render_inline(segments: tuple[Segment, ...]) -> SafeString:
    parts = []
    for segment in segments:
        if segment.kind == "equal":
            parts.append(escape(segment.new))
            continue
        if segment.old:
            parts.append(f"<del>{escape(segment.old)}</del>")
        if segment.new:
            parts.append(f"<ins>{escape(segment.new)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every fragment above is escaped
