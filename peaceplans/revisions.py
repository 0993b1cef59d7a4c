"""What counts as a change of a clause's text, and how revisions pair up. Pure: no queries.

One definition serves the reader pages (revision lists, draft history), the admin (its history
page) and the editorial rules (a published text changes only by a correction with a reason).
Works on model instances and historical records alike: both carry the same field attributes.
"""

from collections.abc import Iterable

from .diffing import texts_equal

# The fields that make up a clause version's published text.
TEXT_FIELDS = ("text", "heading", "label", "basis")
# The fields that place a clause version: changing them moves it to another draft or lineage.
PLACE_FIELDS = ("draft_id", "clause_id")


def text_changed(old, new) -> bool:
    """True when `new` reads differently from `old` (Unicode and line-end forms aside)."""
    if not texts_equal(old.text or "", new.text or ""):
        return True
    return any(getattr(old, name) != getattr(new, name) for name in TEXT_FIELDS if name != "text")


def moved(old, new) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in PLACE_FIELDS)


def changed_fields(old, new, fields: Iterable[str]) -> list[str]:
    return [name for name in fields if getattr(old, name, None) != getattr(new, name, None)]


def paired(records: Iterable) -> list[tuple[object | None, object]]:
    """Each historical record with the one before it for the same row, oldest first.

    Records may mix rows (a draft history lists many clause versions); they are paired by `id`
    in memory, so a history list costs one query however long it is."""
    pairs, last_by_row = [], {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        pairs.append((last_by_row.get(record.id), record))
        last_by_row[record.id] = record
    return pairs
