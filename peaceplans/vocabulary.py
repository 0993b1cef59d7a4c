"""The words readers see for how a clause changed, defined once.

Alignment, the selectors and every template use these values and labels; the legend on the plan
and compare pages is built from the same definitions, so a word means one thing everywhere.
"""

from django.db import models


class Change(models.TextChoices):
    """How a clause fares from one draft to the next (a matrix cell, a compare row)."""

    CHANGED = "changed", "changed"
    ADDED = "added", "added"
    REMOVED = "removed", "removed"
    NOT_IN_DRAFT = "not-in-draft", "not in this draft"
    SPLIT = "split", "split"
    MERGED = "merged", "merged"
    MOVED = "moved", "moved"
    UNCHANGED = "unchanged", "unchanged"
    NOT_REPORTED = "not-reported", "not reported"
    UNKNOWN = "unknown", "text not known"
    ABSENT = "absent", "not in the record"


# What a reader asking "what changed?" wants to see; the rest is context.
REAL_CHANGES = (
    Change.CHANGED,
    Change.ADDED,
    Change.REMOVED,
    Change.NOT_IN_DRAFT,
    Change.SPLIT,
    Change.MERGED,
    Change.MOVED,
)

MEANING = {
    Change.CHANGED: "the text differs from the clause's previous version",
    Change.ADDED: "first appears in this draft",
    Change.REMOVED: "was in the earlier draft and is reported removed from this one",
    Change.NOT_IN_DRAFT: "was in the earlier draft and this fully known draft lacks it, though no "
    "report says it was removed",
    Change.SPLIT: "one earlier clause became several",
    Change.MERGED: "several earlier clauses became one",
    Change.MOVED: "same text, at another place in the draft",
    Change.UNCHANGED: "same text as before",
    Change.NOT_REPORTED: "this draft is only partly known and this clause was not reported",
    Change.UNKNOWN: "the clause is reported to exist but its text is not known",
    Change.ABSENT: "the record has no version of it in this draft (before the clause appeared, "
    "or after it left)",
}

# Letters and shapes for stances, so the stance map reads without colour.
STANCE_MARK = {
    "proposed": ("P", "diamond"),
    "supports": ("S", "circle"),
    "reservations": ("R", "triangle"),
    "objects": ("O", "square"),
    "unknown": ("?", "dash"),
}


# The stance as a verb after the party's name: "Russia objects", "European allies object".
STANCE_VERB = {
    "proposed": ("proposed it", "proposed it"),
    "supports": ("supports", "support"),
    "reservations": ("has reservations", "have reservations"),
    "objects": ("objects", "object"),
    "unknown": ("stance unknown", "stance unknown"),
}


def stance_verb(stance: str, *, plural: bool) -> str:
    singular_form, plural_form = STANCE_VERB.get(stance, (stance, stance))
    return plural_form if plural else singular_form


def label(value: str) -> str:
    try:
        return Change(value).label
    except ValueError:
        return value


def legend() -> list[tuple[str, str, str]]:
    """(value, label, meaning) for every mark, in reading order."""
    return [(c.value, c.label, MEANING[c]) for c in Change]


def coverage_note(draft, unknown: int) -> str:
    """How much of a draft's text the record holds, honestly: a complete list of clauses whose
    texts are partly unknown says so."""
    words = draft.get_text_coverage_display()
    if unknown and draft.text_coverage == "complete":
        clauses = "clause" if unknown == 1 else "clauses"
        return f"Every clause is listed; the text of {unknown} {clauses} is not known"
    return words
