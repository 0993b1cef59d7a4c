"""The paste corpus: twenty pastes in our own words, one per publisher format of issue 11, each
with the clauses the parser must give. Pure: reads pastes.toml, no ORM."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..parsing import ParseResult, parse_draft

PASTES_FILE = Path(__file__).parent / "pastes.toml"


@dataclass
class PasteResult:
    name: str
    source: str
    problems: list[str] = field(default_factory=list)  # empty: parsed right
    warnings: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.problems


def pastes(path: Path = PASTES_FILE) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["paste"]


def check(paste: dict) -> PasteResult:
    """What differs between the parse and the expected clauses: labels, headings, each text's
    first words, sub-point lines where given, and the number of notes kept apart."""
    parsed: ParseResult = parse_draft(paste["text"])
    result = PasteResult(paste["name"], paste.get("source", ""))
    result.warnings = [str(w) for w in parsed.warnings]
    expected = paste["expect"]
    got = [c.label for c in parsed.clauses]
    if got != [e["label"] for e in expected]:
        result.problems.append(f"labels {got}, expected {[e['label'] for e in expected]}")
        return result
    for clause, want in zip(parsed.clauses, expected, strict=True):
        text = " ".join(clause.text.split())
        if clause.heading != want.get("heading", ""):
            result.problems.append(f"{clause.label}: heading {clause.heading!r}")
        if not text.startswith(want["starts"]):
            result.problems.append(f"{clause.label}: text {text[: len(want['starts']) + 20]!r}")
        if "sub_lines" in want and clause.text.count("\n") != want["sub_lines"]:
            result.problems.append(f"{clause.label}: {clause.text.count(chr(10))} sub-lines")
    if len(parsed.notes) != paste.get("notes", 0):
        result.problems.append(f"{len(parsed.notes)} notes kept apart, expected {paste['notes']}")
    return result


def check_all(path: Path = PASTES_FILE) -> list[PasteResult]:
    return [check(paste) for paste in pastes(path)]


def summary(results: list[PasteResult]) -> str:
    right = sum(r.right for r in results)
    warned = sum(bool(r.warnings) for r in results)
    return f"{right} of {len(results)} parsed right, {warned} with warnings"
