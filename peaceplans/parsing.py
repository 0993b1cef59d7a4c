"""Pasted draft text -> numbered clauses and warnings. Pure: no ORM.

A clause starts at a line that begins with its number, in any of the forms real drafts use:
`1.` `1)` `12a.` `(3)` `Point 7:` `Article 3` `Art. 3` `Пункт 7.` `Стаття 3` `IV.` (upper-case
Roman numerals). Lettered sub-points (`a)`, `(b)`, `c.`) stay inside their clause. A line in
capitals or starting with `#` between clauses is a section heading, not clause text. Text before
the first number is kept as the preamble and reported.
"""

import re
import unicodedata
from dataclasses import dataclass, field

_WORD_LABEL = r"(?i:Point|Article|Art\.|Clause|Section|Пункт|Стаття|Статья|п\.)\s*"
_CLAUSE_START = re.compile(
    r"^\s*(?:"
    rf"{_WORD_LABEL}(?P<worded>\d{{1,3}}[a-z]?)\s*[.:)\-–—]?"
    r"|\((?P<bracketed>\d{1,3}[a-z]?)\)"
    r"|(?P<plain>\d{1,3}[a-z]?)[.)]"
    r"|(?P<roman>(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3}))[.)]"
    r")(?:\s+|$)"
)
_SECTION_HEADING = re.compile(r"^\s*(#+\s*\S.*|[^a-zа-яіїєґ]*[A-ZА-ЯІЇЄҐ]{3,}[^a-zа-яіїєґ]*)$")
_HEADING_MAX = 60
_SUB_POINT = re.compile(r"^\(?[a-zа-я]\)|^[a-zа-я]\.\s")


@dataclass(frozen=True)
class ParsedClause:
    label: str
    heading: str
    text: str


@dataclass
class ParseResult:
    clauses: list[ParsedClause] = field(default_factory=list)
    preamble: str = ""
    sections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def duplicate_labels(self) -> list[str]:
        """Labels used twice: a draft cannot be saved with them (links must be unambiguous)."""
        seen, twice = set(), []
        for clause in self.clauses:
            if clause.label in seen and clause.label not in twice:
                twice.append(clause.label)
            seen.add(clause.label)
        return twice


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _label(match: re.Match) -> str:
    raw = match.group("worded") or match.group("bracketed") or match.group("plain")
    return raw if raw else match.group("roman")


def parse_draft(text: str) -> ParseResult:
    result = ParseResult()
    current: tuple[str, list[str]] | None = None
    preamble: list[str] = []
    pieces: list[tuple[str, list[str]]] = []
    for line in clean(text).split("\n"):
        match = _CLAUSE_START.match(line)
        if match:
            current = (_label(match), [line[match.end() :].strip()])
            pieces.append(current)
            continue
        if _SECTION_HEADING.match(line) and line.strip():
            result.sections.append(line.strip().lstrip("#").strip())
            continue
        (current[1] if current else preamble).append(line.strip())
    result.preamble = _join(preamble)
    if result.preamble:
        result.warnings.append("There is text before the first numbered clause; it is not saved.")
    result.clauses = [_clause(label, lines) for label, lines in pieces]
    result.warnings.extend(_check(result.clauses))
    return result


def _join(lines: list[str]) -> str:
    """Wrapped lines joined by spaces; a sub-point starts its own line; blank lines part
    paragraphs."""
    paragraphs, current = [], ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif not current:
            current = line
        else:
            current += ("\n" if _SUB_POINT.match(line) else " ") + line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _looks_like_heading(line: str) -> bool:
    return (
        0 < len(line) <= _HEADING_MAX
        and len(line.split()) <= 8
        and line[-1] not in ".;:!?,"
        and not re.search(r"(?:^|\s)\(?[a-zа-я]\)", line)
    )


def _clause(label: str, lines: list[str]) -> ParsedClause:
    first, rest = lines[0], lines[1:]
    # "7. Army size" on its own line, with the text below: the short first line is a heading.
    following = next((line for line in rest if line), "")
    starts_anew = following[:1].isupper() or following[:1].isdigit() or _SUB_POINT.match(following)
    if following and starts_anew and _looks_like_heading(first):
        return ParsedClause(label, first, _join(rest))
    heading, sep, body = first.partition(": ")
    if sep and len(heading) <= 40 and body and not any(c in heading for c in ".;,"):
        return ParsedClause(label, heading, _join([body, *rest]))
    return ParsedClause(label, "", _join(lines))


def _check(clauses: list[ParsedClause]) -> list[str]:
    warnings = []
    seen: set[str] = set()
    for clause in clauses:
        if clause.label in seen:
            warnings.append(f"Label {clause.label} appears more than once.")
        seen.add(clause.label)
        if not clause.text:
            warnings.append(f"Clause {clause.label} is empty.")
    numbers = sorted({int(c.label) for c in clauses if c.label.isdigit()})
    if numbers:
        missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        if missing:
            shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
            warnings.append(f"Numbering has gaps: {shown} missing.")
    return warnings


def render_draft(clauses: list[ParsedClause]) -> str:
    """The inverse of parse_draft for plain clauses: one numbered paragraph per clause."""
    blocks = []
    for clause in clauses:
        head = f"{clause.label}. {clause.heading}\n" if clause.heading else f"{clause.label}. "
        blocks.append(head + clause.text)
    return "\n\n".join(blocks)
