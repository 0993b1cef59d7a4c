"""Word-level diffs of clause texts, rendered as escaped side-by-side HTML. Pure: no ORM.

Clause text is plain text from users. Every fragment is escaped here and the result is marked
safe once per column: this is the only module allowed to mark HTML safe.

Cost is bounded: sentences are aligned first, and words are diffed only inside a pair of changed
sentences, so a heavily rewritten 50 KB clause costs many small diffs, not one quadratic one.
Past MAX_DIFF_CHARS the texts are shown as a whole replacement, with `too_long` set.
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_DIFF_CHARS = 200_000
# A sentence pair longer than this (in tokens) is shown as replaced rather than word-diffed.
MAX_SENTENCE_TOKENS = 2_000

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


def normalize(text: str) -> str:
    """Same text, same bytes: composed accents (NFC) and LF line ends, so no phantom changes."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """Split keeping every character: the pieces joined give back the text."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "delete", "insert" or "replace"
    old: str
    new: str


@dataclass(frozen=True)
class TextDiff:
    segments: tuple[Segment, ...]
    too_long: bool = False  # the whole text was too long to compare word by word
    coarse: bool = False  # some over-long sentences are shown replaced whole

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
    def counts(self) -> dict[str, int]:
        """Words deleted and inserted, for summaries."""
        deleted = sum(len(re.findall(r"\w+", s.old)) for s in self.segments if s.kind != "equal")
        inserted = sum(len(re.findall(r"\w+", s.new)) for s in self.segments if s.kind != "equal")
        return {"deleted": deleted, "inserted": inserted}


def texts_equal(old: str, new: str) -> bool:
    return normalize(old) == normalize(new)


def diff_texts(old: str, new: str) -> TextDiff:
    old, new = normalize(old), normalize(new)
    if old == new:
        return TextDiff((Segment("equal", old, new),) if old else ())
    if len(old) + len(new) > MAX_DIFF_CHARS:
        return TextDiff((_change(old, new),), too_long=True)

    raw: list[Segment] = []
    coarse = False
    old_sentences, new_sentences = sentences(old), sentences(new)
    matcher = SequenceMatcher(None, old_sentences, new_sentences, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment("equal", "".join(old_sentences[i1:i2]), ""))
        elif tag == "replace":
            pairs = zip_longest(old_sentences[i1:i2], new_sentences[j1:j2], fillvalue="")
            for old_sentence, new_sentence in pairs:
                words = _word_diff(old_sentence, new_sentence)
                coarse = coarse or words is None
                raw.extend(words or [_change(old_sentence, new_sentence)])
        else:
            raw.append(_change("".join(old_sentences[i1:i2]), "".join(new_sentences[j1:j2])))
    return TextDiff(tuple(_coalesce(raw)), coarse=coarse)


def _change(old: str, new: str) -> Segment:
    kind = "replace" if old and new else ("delete" if old else "insert")
    return Segment(kind, old, new)


def _word_diff(old: str, new: str) -> list[Segment] | None:
    """Word-level segments for one sentence pair, or None when the pair is too long."""
    if not old or not new:
        return [_change(old, new)]
    a, b = tokenize(old), tokenize(new)
    if len(a) + len(b) > MAX_SENTENCE_TOKENS:
        return None
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2]), ""))
        else:
            segments.append(_change("".join(a[i1:i2]), "".join(b[j1:j2])))
    return segments


def _is_tiny(text: str) -> bool:
    # A lone space or punctuation mark between two changes reads better inside the change.
    stripped = text.strip()
    return len(stripped) <= 1 and not stripped.isalnum()


def _coalesce(raw: list[Segment]) -> list[Segment]:
    """Merge neighbouring changes, and tiny equal runs between changes, like a human redline."""
    merged: list[Segment] = []
    for index, segment in enumerate(raw):
        if segment.kind == "equal":
            between_changes = (
                merged
                and merged[-1].kind != "equal"
                and index + 1 < len(raw)
                and raw[index + 1].kind != "equal"
            )
            if between_changes and _is_tiny(segment.old):
                previous = merged.pop()
                merged.append(_change(previous.old + segment.old, previous.new + segment.old))
                continue
            if merged and merged[-1].kind == "equal":
                merged[-1] = Segment("equal", merged[-1].old + segment.old, "")
            else:
                merged.append(segment)
            continue
        if merged and merged[-1].kind != "equal":
            previous = merged.pop()
            merged.append(_change(previous.old + segment.old, previous.new + segment.new))
        else:
            merged.append(segment)
    # An equal segment's text is the same on both sides; store it on both for rendering.
    return [Segment("equal", s.old, s.old) if s.kind == "equal" else s for s in merged]


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
