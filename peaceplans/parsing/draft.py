"""The parser's one pass over the lines: which label lines start clauses, which are sub-points,
what is a heading, a section, a note or the preamble, and the warnings that point at lines.

Each line is looked at a bounded number of times (the look-ahead that settles a restarted list
is precomputed in one backward pass), so the whole parse is linear in the pasted text.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from ..diffing.tokens import drop_invisible
from .labels import Candidate, normalise_prefix, recognise, sub_point
from .notes import commentary_like, deletion_note, note_like
from .result import ParsedClause, ParsedNote, ParseResult, ParseWarning
from .text import Words, ends_sentence, heading_like, join_paragraph, split_heading, wrap_width

MAX_WARNINGS = 50
SOFT_HYPHEN = "\u00ad"
_QUOTE = 80


def clean(text: str) -> str:
    """LF line ends, NFC, plain spaces, no trailing spaces, and none of the characters a web page
    carries that show as nothing (`INVISIBLE`: zero-width spaces, soft hyphens), which the diff
    ignores too. A zero-width space between two letters is nothing, not a space: it marks where
    a long word may break on screen, so "peace", a zero-width space, "plan" reads "peaceplan",
    as in the diff. A soft hyphen ending a line that goes on in lower case stays, for
    `join_paragraph` to join the word it broke; every other soft hyphen goes."""
    # The invisible characters go first, so that NFC composes across where they were.
    text = drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"), keep=SOFT_HYPHEN)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    if SOFT_HYPHEN in text:
        following = ""
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            if SOFT_HYPHEN in line:
                core = line.replace(SOFT_HYPHEN, "").rstrip()
                joins = line.endswith(SOFT_HYPHEN) and _goes_on_in_a_word(following)
                lines[index] = core + SOFT_HYPHEN if joins else core
            following = lines[index]
    return "\n".join(lines)


def _goes_on_in_a_word(line: str) -> bool:
    """Whether a line goes on with the rest of a word: in lower case, and no sub-point ("ii.",
    "a)")."""
    line = line.strip()
    return line[:1].islower() and not sub_point(line)


def quote(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _QUOTE else line[: _QUOTE - 1].rstrip() + "…"


@dataclass
class _Entry:
    kind: str  # "line", "sub" or "blank"
    text: str
    line: int


@dataclass
class _Clause:
    label: str
    value: int
    line: int
    raw: str
    candidate: Candidate
    entries: list[_Entry] = field(default_factory=list)
    last: str = ""  # the last non-blank text in it: a lead-in when it ends with ":"


@dataclass
class _Block:
    kind: str  # "first", "sub", "para" (after a blank line), "maybe" (a possible note)
    lines: list[str]
    line: int


_WORDED_ONE = re.compile(r"(?i:point|article|item|paragraph|clause)\s+1\b")


def _inline_first_point(line: str) -> int:
    """`The document lists these points: 1. …`: where point 1 starts, or -1."""
    colon = line.find(":")
    while colon != -1:
        start = colon + 1
        while start < len(line) and start < colon + 8 and line[start] in " \t":
            start += 1
        # "… points: 1. …", "… points: **1.** …", "… points: Point 1: …"
        if start > colon + 1 and (
            line[start : start + 1] in ("1", "*") or _WORDED_ONE.match(line, start)
        ):
            candidate = recognise(line[start:])
            if candidate and candidate.value == 1 and not candidate.roman and not candidate.weak:
                return start
        colon = line.find(":", colon + 1)
    return -1


def _rows(lines: list[str]) -> list[tuple[int, str, Candidate | None]]:
    rows, seen_label = [], False
    for number, line in enumerate(lines, start=1):
        candidate = recognise(line) if line else None
        if not seen_label and candidate is None and line:
            start = _inline_first_point(line)
            if start != -1:
                rows.append((number, line[:start].rstrip(), None))
                line, candidate = line[start:], recognise(line[start:])
        seen_label = seen_label or (candidate is not None and not candidate.roman)
        rows.append((number, line, candidate))
    return rows


def _after_runs(rows) -> list[int | None]:
    """For each numbered line, the number that follows the run of consecutive numbers it starts
    (1 2 3 then 3: a sub-list 1-3 inside clause 2, then clause 3). One backward pass."""
    numbered = [i for i, (_, _, c) in enumerate(rows) if c is not None and not c.roman]
    after: list[int | None] = [None] * len(rows)
    for k in range(len(numbered) - 2, -1, -1):
        here, nxt = rows[numbered[k]][2], rows[numbered[k + 1]][2]
        if nxt.value == here.high + 1:
            after[numbered[k]] = after[numbered[k + 1]]
        else:
            after[numbered[k]] = nxt.value
    return after


def _section(text: str, previous_unfinished: bool) -> str | None:
    if text.startswith("#"):
        return text.lstrip("#").strip() or None
    if previous_unfinished or len(text) > 120:
        return None
    if text.startswith("**") and text.endswith("**") and "**" not in text[2:-2]:
        inner = text[2:-2].strip()
        return inner if inner and not ends_sentence(inner) else None
    # A line in capitals is a heading ("PART I – TERRITORY"), unless it is a sub-point ("A. NATO.")
    # or a sentence ("THE US GUARANTEES THIS."): those are the clause's own text.
    capitals = text.upper() == text and sum(char.isupper() for char in text) >= 3
    if capitals and text[-1] not in ",.;!?" and not sub_point(text):
        return text
    return None


def _starts_with_digit(text: str) -> bool:
    prefix, _ = normalise_prefix(text[:4])
    return prefix[:1].isdigit()


class _Parser:
    def __init__(self, text: str, apart: frozenset[int] = frozenset()):
        self.apart = apart
        self.lines = clean(text).split("\n")
        self.rows = _rows(self.lines)
        romans = {c.label for _, _, c in self.rows if c is not None and c.roman}
        self.roman_mode = "I" in romans and "II" in romans
        self.arabic = any(c is not None and not c.roman for _, _, c in self.rows)
        self.after = _after_runs(self.rows)
        self.width = wrap_width(self.lines)
        self.words = Words(self.lines)
        self.clauses: list[_Clause] = []
        self.preamble: list[_Entry] = []
        self.result = ParseResult()
        self.warnings: list[ParseWarning] = []

    def warn(
        self, message: str, line: int | None = None, text: str = "", *, choice: str = ""
    ) -> None:
        self.warnings.append(ParseWarning(message, line, quote(text) if text else "", choice))

    def run(self) -> ParseResult:
        current: _Clause | None = None
        sub_next: int | None = None
        sub_indented = False
        top, roman_top = 0, 0
        previous_unfinished = False
        for index, (number, line, candidate) in enumerate(self.rows):
            text = line.strip()
            target = current.entries if current else self.preamble
            if not text:
                target.append(_Entry("blank", "", number))
                previous_unfinished = False
                continue
            if candidate is not None and candidate.roman:
                if not self.roman_mode:
                    candidate = None
                elif self.arabic and (candidate.heading or heading_like(candidate.body)):
                    self.result.sections.append(text)
                    previous_unfinished = False
                    continue
                elif not roman_top < candidate.value <= roman_top + 3:
                    candidate = None
            weak = candidate is not None and not candidate.roman and candidate.weak
            # `6 – …` and `10 [There …` carry no full stop: trusted only where the numbering
            # goes (a point or two may be missing), not as any number that starts a line.
            if weak and not (top < candidate.value <= top + 3 or candidate.value == sub_next):
                candidate = None
            if candidate is not None and current is not None and not candidate.roman:
                indented = candidate.indent >= current.candidate.indent + 2
                if sub_next is not None:
                    if sub_indented:
                        is_sub = indented
                    else:
                        # 2 under clause 1, 3 under clause 2: the item or the next clause? The
                        # next clause if the numbers run on; the item if the run returns to it.
                        after = self.after[index]
                        is_sub = candidate.value == sub_next and (
                            candidate.value != top + 1 or after == candidate.value
                        )
                    if is_sub:
                        sub_next = candidate.high + 1
                        current.entries.append(_Entry("sub", text, number))
                        current.last = text
                        continue
                    sub_next = None
                lead_in = current.last.endswith(":")
                if (lead_in and (candidate.value == 1 or indented)) or (
                    indented and candidate.value == 1
                ):
                    sub_next, sub_indented = candidate.high + 1, indented
                    current.entries.append(_Entry("sub", text, number))
                    current.last = text
                    self.warn(
                        f"A numbered list that restarts or is indented here is read as "
                        f"sub-points of clause {current.label}, not as new clauses.",
                        number,
                        text,
                    )
                    continue
            if candidate is not None:
                current = _Clause(candidate.label, candidate.value, number, text, candidate)
                current.last = text.rstrip("*_")
                self.clauses.append(current)
                if candidate.roman:
                    roman_top = candidate.value
                else:
                    top = candidate.high
                sub_next = None
                previous_unfinished = not ends_sentence(text)
                continue
            section = _section(text, previous_unfinished)
            if section:
                self.result.sections.append(section)
                previous_unfinished = False
                continue
            if _starts_with_digit(text):
                self.warn(
                    "This line starts with a number that is not read as a clause number.",
                    number,
                    text,
                )
            target.append(_Entry("sub" if sub_point(text) else "line", text, number))
            if current:
                current.last = text
            previous_unfinished = not ends_sentence(text)
        return self.finish()

    def finish(self) -> ParseResult:
        result = self.result
        result.preamble = self.text_of(self.preamble, None)
        if result.preamble:
            first = next(e for e in self.preamble if e.kind != "blank")
            self.warnings.insert(
                0,
                ParseWarning(
                    "There is text before the first numbered clause; it is not saved.",
                    first.line,
                    quote(first.text),
                ),
            )
        for clause in self.clauses:
            result.clauses.append(self.assemble(clause))
        self.check_numbering()
        self.warnings.sort(key=lambda w: w.line or 0)
        if len(self.warnings) > MAX_WARNINGS:
            more = len(self.warnings) - MAX_WARNINGS + 1
            self.warnings[MAX_WARNINGS - 1 :] = [ParseWarning(f"… and {more} more warnings.")]
        result.warnings = self.warnings
        return result

    def assemble(self, clause: _Clause) -> ParsedClause:
        candidate = clause.candidate
        heading, first = candidate.heading or "", candidate.body
        following = next((e.text for e in clause.entries if e.kind != "blank"), "")
        if not heading and first:
            heading, first = split_heading(first, following, clause.raw, self.width)
        content = [_Entry("line", first, clause.line)] if first else []
        # A soft hyphen that joined no word (its line went on with a sub-point) is no text.
        text = self.text_of(content + clause.entries, clause).replace(SOFT_HYPHEN, "")
        heading = heading.replace(SOFT_HYPHEN, "")
        if not text:
            self.warn(f"Clause {clause.label} is empty.", clause.line, clause.raw)
        return ParsedClause(clause.label, heading, text)

    def text_of(self, entries: list[_Entry], clause: _Clause | None) -> str:
        """Paragraphs apart, sub-points on their own lines; in a clause, notes taken out and
        unnumbered paragraphs named in a warning."""
        blocks: list[_Block] = []
        blank = False
        for entry in entries:
            if entry.kind == "blank":
                blank = bool(blocks)
                continue
            if entry.kind == "sub":
                blocks.append(_Block("sub", [entry.text], entry.line))
            elif not blocks:
                blocks.append(_Block("first", [entry.text], entry.line))
            elif blank:
                blocks.append(_Block("para", [entry.text], entry.line))
            elif (entry.text[:1] in "([" or deletion_note(entry.text)) and ends_sentence(
                blocks[-1].lines[-1]
            ):
                blocks.append(_Block("maybe", [entry.text], entry.line))
            else:
                blocks[-1].lines.append(entry.text)
            blank = False
        parts: list[str] = []
        for block in blocks:
            text = join_paragraph(block.lines, self.words)
            if clause is not None and parts and block.kind in ("para", "maybe"):
                what = "A note" if note_like(text) else ""
                if not what and block.kind == "para" and commentary_like(text):
                    what = "A paragraph that comments on the text"
                chosen = not what and block.kind == "para" and block.line in self.apart
                if chosen:
                    what = "A paragraph you chose to keep apart"
                if what:
                    self.result.notes.append(ParsedNote(block.line, text, clause.label))
                    self.warn(
                        f"{what} after clause {clause.label} is kept apart and not saved.",
                        block.line,
                        block.lines[0],
                        choice="apart" if chosen else "",
                    )
                    continue
                if block.kind == "para":
                    self.warn(
                        f"A paragraph without a number is kept as part of clause "
                        f"{clause.label}; check that it belongs there (to keep it apart, "
                        f"start it with “Note:” or put it in brackets).",
                        block.line,
                        block.lines[0],
                        choice="kept",
                    )
            if parts:
                separator = {"sub": "\n", "para": "\n\n"}.get(block.kind, " ")
                parts.append(separator)
            parts.append(text)
        return "".join(parts)

    def check_numbering(self) -> None:
        seen: set[str] = set()
        previous: _Clause | None = None
        for clause in self.clauses:
            line, raw = clause.line, clause.raw
            roman = clause.candidate.roman
            if clause.label in seen:
                self.warn(f"Label {clause.label} appears more than once.", line, raw)
            elif previous is None and clause.value != 1:
                self.warn(
                    f"Numbering starts at {clause.label}, not at {'I' if roman else '1'}.",
                    line,
                    raw,
                )
            elif previous is not None and clause.value < previous.value:
                self.warn(
                    f"Clause {clause.label} comes after clause {previous.label}: the numbering "
                    "goes backwards.",
                    line,
                    raw,
                )
            elif previous is not None and clause.value > previous.candidate.high + 1:
                missing = list(range(previous.candidate.high + 1, clause.value))
                shown = ", ".join(_numeral(n, roman) for n in missing[:10])
                shown += " …" if len(missing) > 10 else ""
                self.warn(
                    f"Numbering jumps from {previous.label} to {clause.label}: {shown} missing.",
                    line,
                    raw,
                )
            seen.add(clause.label)
            previous = clause


def _numeral(value: int, roman: bool) -> str:
    if not roman:
        return str(value)
    out = []
    for amount, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def parse_draft(text: str, *, apart: frozenset[int] = frozenset()) -> ParseResult:
    """The clauses of a pasted draft. `apart`: line numbers of unnumbered paragraphs the editor
    chose to keep out of the clause above (offered by the warnings with a `choice`)."""
    return _Parser(text, apart).run()


def render_draft(clauses: list[ParsedClause]) -> str:
    """The inverse of parse_draft: one numbered paragraph per clause, its heading on the label's
    line (with a colon when a numbered list follows, so the list stays its sub-points)."""
    blocks = []
    for clause in clauses:
        if clause.heading:
            numbered = recognise(clause.text.split("\n", 1)[0])
            colon = ":" if numbered and not numbered.roman else ""
            blocks.append(f"{clause.label}. {clause.heading}{colon}\n{clause.text}")
        else:
            blocks.append(f"{clause.label}. {clause.text}")
    return "\n\n".join(blocks)
