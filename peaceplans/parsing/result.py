"""What the parser gives back: clauses, the text around them, and warnings that point at lines."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedClause:
    label: str
    heading: str
    text: str


@dataclass(frozen=True)
class ParsedNote:
    """An unnumbered paragraph between clauses (e.g. "(Point 3 … is deleted.)"): not saved."""

    line: int
    text: str
    after: str  # label of the clause above it


@dataclass(frozen=True)
class ParseWarning:
    message: str
    line: int | None = None
    quote: str = ""
    # For an unnumbered paragraph the editor may keep apart from the clause above (the paste
    # preview offers a choice): "kept" while it is in the clause, "apart" once set apart.
    choice: str = ""

    def __str__(self) -> str:
        text = f"Line {self.line}: {self.message}" if self.line else self.message
        return f"{text} “{self.quote}”" if self.quote else text


@dataclass
class ParseResult:
    clauses: list[ParsedClause] = field(default_factory=list)
    preamble: str = ""
    sections: list[str] = field(default_factory=list)
    notes: list[ParsedNote] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def duplicate_labels(self) -> list[str]:
        """Labels used twice: a draft cannot be saved with them (links must be unambiguous)."""
        seen, twice = set(), []
        for clause in self.clauses:
            if clause.label in seen and clause.label not in twice:
                twice.append(clause.label)
            seen.add(clause.label)
        return twice
