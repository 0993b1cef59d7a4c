"""Read a plan's record from TOML and check it before anything is written. Pure: no ORM.

A record is one file or a folder of files (read in name order, their tables joined), so a long
record can be split by draft. Every error names the file and the key that is wrong.
"""

import tomllib
from datetime import date
from pathlib import Path

BASES = {"official", "official-paraphrase", "leaked", "reported", "unknown"}
LINK_BASES = {"stated", "editorial"}
STANCES = {"proposed", "supports", "reservations", "objects", "unknown"}
RELIABILITIES = {"primary", "agency", "secondary", "low"}
DRAFT_KINDS = {"draft", "mentioned", "companion"}
EVENT_KINDS = {"round", "meeting", "handover", "declaration", "pause", "other"}

# The keys each table may hold: a misspelt key is an error, not silently ignored.
KEYS = {
    "meta": {"edition", "correction_reason"},
    "plan": {"slug", "title", "summary", "recorded_up_to", "recorded_up_to_note"},
    "party": {"slug", "name", "short_name", "kind", "colour", "description"},
    "source": {
        "id",
        "title",
        "publisher",
        "published_on",
        "date_note",
        "url",
        "quote",
        "reliability",
        "reliability_note",
    },
    "clause": {"slug", "title", "topic", "description"},
    "redirect": {"kind", "old", "new", "note"},
    "draft": {
        "slug",
        "former_slugs",
        "title",
        "sequence",
        "date",
        "date_note",
        "kind",
        "standing",
        "text_coverage",
        "authors",
        "authorship_disputed",
        "authorship_note",
        "disputed",
        "dispute_note",
        "derived_from",
        "derivation_note",
        "companion_to",
        "dropped_clauses",
        "sources",
        "summary",
        "editorial_state",
        "lineage_basis",
        "lineage_note",
        "clause",
        "point_count",
    },
    "draft.clause": {
        "label",
        "clause",
        "heading",
        "text",
        "basis",
        "disputed",
        "dispute_note",
        "sources",
        "lineage",
        "lineage_basis",
        "lineage_note",
    },
    "draft.point_count": {"count", "as_reported", "reported_by", "disputed", "note", "sources"},
    "derivation": {"child", "parent", "basis", "note"},
    "position": {
        "party",
        "draft",
        "label",
        "stance",
        "summary",
        "stated_on",
        "date_note",
        "speaker",
        "disputed",
        "dispute_note",
        "sources",
        "was",
    },
    "position.was": {"party", "draft", "label", "stated_on", "speaker"},
    "event": {
        "slug",
        "kind",
        "title",
        "date",
        "end_date",
        "date_note",
        "place",
        "parties",
        "summary",
        "drafts",
        "disputed",
        "dispute_note",
        "sources",
    },
}
SINGLE = {"meta", "plan"}
ARRAYS = {"party", "source", "clause", "redirect", "draft", "derivation", "position", "event"}


class DemoDataError(ValueError):
    """The data file is inconsistent; the message names where."""


def read_record(path: Path) -> dict:
    """One file, or every *.toml under a folder in name order, joined and checked."""
    record = join_files(path)
    if record["plan"] is None:
        raise DemoDataError(f"{path}: no [plan] table")
    validate(record)
    return record


def join_files(path: Path) -> dict:
    """One file, or every *.toml under a folder in name order, joined into one record, unchecked
    (for readers that need only some tables, such as the matcher's evaluation)."""
    files = sorted(path.rglob("*.toml")) if path.is_dir() else [path]
    if not files:
        raise DemoDataError(f"{path}: no .toml files")
    record: dict = {"meta": {}, "plan": None, **{name: [] for name in ARRAYS}}
    for file in files:
        name = file.relative_to(path).as_posix() if path.is_dir() else file.name
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise DemoDataError(f"{name}: not valid TOML: {error}") from None
        for table, value in data.items():
            if table in SINGLE:
                if table == "plan" and record["plan"] is not None:
                    raise DemoDataError(f"{name}: [plan] given twice")
                record[table] = {**value, "_at": f"{name} [{table}]"}
            elif table in ARRAYS:
                if not isinstance(value, list):
                    raise DemoDataError(f"{name}: {table} must be written [[{table}]]")
                for n, row in enumerate(value, start=1):
                    row["_at"] = f"{name} [[{table}]] #{n}"
                    record[table].append(row)
            else:
                raise DemoDataError(f"{name}: unknown table [{table}]")
    return record


def _fail(row: dict, message: str):
    raise DemoDataError(f"{row.get('_at', '?')}: {message}")


def _check_keys(row: dict, table: str) -> None:
    for key in row:
        if key != "_at" and key not in KEYS[table]:
            _fail(row, f"unknown key {key!r}")


def _require(row: dict, *keys: str) -> None:
    for key in keys:
        if row.get(key) in (None, ""):
            _fail(row, f"missing {key!r}")


def _refs(row: dict, key: str, known, what: str) -> None:
    for ref in row.get(key, []):
        if ref not in known:
            _fail(row, f"{key}: unknown {what} {ref!r}")


def _dispute(row: dict, flag: str = "disputed", note: str = "dispute_note") -> None:
    if row.get(flag) and not row.get(note, "").strip():
        _fail(row, f"{flag} is set but {note!r} does not say what the sources disagree on")


def _unique(rows: list[dict], key: str, what: str) -> set:
    seen = set()
    for row in rows:
        _require(row, key)
        if row[key] in seen:
            _fail(row, f"{what} {row[key]!r} appears twice")
        seen.add(row[key])
    return seen


def validate(record: dict) -> None:  # noqa: C901 (one linear list of checks reads best)
    _check_keys(record["meta"], "meta") if record["meta"] else None
    plan = record["plan"]
    _check_keys(plan, "plan")
    _require(plan, "slug", "title")

    for table in ("party", "source", "clause", "redirect", "derivation", "event"):
        for row in record[table]:
            _check_keys(row, table)
    parties = _unique(record["party"], "slug", "party")
    sources = _unique(record["source"], "id", "source id")
    clauses = _unique(record["clause"], "slug", "clause")

    for row in record["source"]:
        _require(row, "title")
        if row.get("reliability", "secondary") not in RELIABILITIES:
            _fail(row, f"reliability {row.get('reliability')!r} is not one of {RELIABILITIES}")

    drafts: dict[str, dict] = {}
    sequences: set[int] = set()
    for row in record["draft"]:
        _check_keys(row, "draft")
        _require(row, "slug", "title", "sequence")
        if row["slug"] in drafts:
            _fail(row, f"draft {row['slug']!r} appears twice")
        if row["sequence"] in sequences:
            _fail(row, f"sequence {row['sequence']} is taken by another draft")
        sequences.add(row["sequence"])
        kind = row.get("kind", "draft")
        if kind not in DRAFT_KINDS:
            _fail(row, f"kind {kind!r} is not one of {DRAFT_KINDS}")
        _refs(row, "authors", parties, "party")
        _refs(row, "sources", sources, "source id")
        _refs(row, "dropped_clauses", clauses, "clause")
        for earlier in row.get("derived_from", []):
            if earlier not in drafts:
                later = any(d["slug"] == earlier for d in record["draft"])
                _fail(
                    row,
                    f"derived_from: {earlier!r} is "
                    + ("a later draft (list drafts in time order)" if later else "unknown"),
                )
        if row.get("companion_to"):
            if kind != "companion":
                _fail(row, "companion_to is only for kind = 'companion'")
            if row["companion_to"] not in drafts:
                _fail(row, f"companion_to: unknown or later draft {row['companion_to']!r}")
        _dispute(row)
        _dispute(row, "authorship_disputed", "authorship_note")
        if not row.get("sources"):
            _fail(row, "a draft needs at least one source")
        if row.get("lineage_basis", "editorial") not in LINK_BASES:
            _fail(row, f"lineage_basis must be one of {LINK_BASES}")
        if kind == "mentioned":
            if row.get("text_coverage", "unknown") != "unknown":
                _fail(row, "a mentioned draft has text_coverage = 'unknown'")
            if row.get("clause"):
                _fail(row, "a mentioned draft has no clause text; remove its [[draft.clause]]")

        labels, used = set(), set()
        for clause in row.get("clause", []):
            clause["_at"] = f"{row['_at']} (draft {row['slug']!r}) clause {clause.get('label')!r}"
            _check_keys(clause, "draft.clause")
            _require(clause, "label", "clause")
            if clause["label"] in labels:
                _fail(clause, "label appears twice in this draft")
            labels.add(clause["label"])
            if clause["clause"] not in clauses:
                _fail(clause, f"unknown clause {clause['clause']!r}")
            if clause["clause"] in used:
                _fail(clause, f"clause {clause['clause']!r} appears twice in this draft")
            used.add(clause["clause"])
            basis = clause.get("basis", "reported")
            if basis not in BASES:
                _fail(clause, f"basis {basis!r} is not one of {BASES}")
            text = clause.get("text", "").strip()
            if basis == "unknown" and text:
                _fail(clause, "basis is 'unknown' but a text is given")
            if basis != "unknown" and not text:
                _fail(clause, "no text: give one, or set basis = 'unknown'")
            if basis != "unknown" and not clause.get("sources"):
                _fail(clause, "a clause version with known text needs at least one source")
            _refs(clause, "sources", sources, "source id")
            _dispute(clause)
            if clause.get("lineage_basis", "editorial") not in LINK_BASES:
                _fail(clause, f"lineage_basis must be one of {LINK_BASES}")
        for n, count in enumerate(row.get("point_count", []), start=1):
            count["_at"] = f"{row['_at']} (draft {row['slug']!r}) point_count #{n}"
            _check_keys(count, "draft.point_count")
            _require(count, "as_reported")
            if not count.get("sources"):
                _fail(count, "a reported point count needs a source")
            _refs(count, "sources", sources, "source id")
        counts = {c.get("count") for c in row.get("point_count", [])}
        if len(row.get("point_count", [])) > 1 and len(counts) > 1:
            for count in row["point_count"]:
                if not count.get("disputed"):
                    _fail(count, "the reported counts conflict: set disputed = true on each")
        drafts[row["slug"]] = {**row, "labels": labels}

    for row in record["redirect"]:
        _require(row, "kind", "old", "new")
        known = drafts if row["kind"] == "draft" else clauses if row["kind"] == "clause" else None
        if known is None:
            _fail(row, "kind must be 'draft' or 'clause'")
        if row["new"] not in known:
            _fail(row, f"new: unknown {row['kind']} {row['new']!r}")
        if row["old"] in known:
            _fail(row, f"old: {row['old']!r} is still a {row['kind']} in this record")

    def version(row: dict, key: str) -> dict:
        ref = row.get(key, "")
        slug, _, label = ref.partition(":")
        if slug not in drafts or label not in drafts[slug]["labels"]:
            _fail(row, f"{key}: unknown clause version {ref!r} (write '<draft>:<label>')")
        return drafts[slug]

    for row in record["derivation"]:
        child, parent = version(row, "child"), version(row, "parent")
        if parent["sequence"] >= child["sequence"]:
            _fail(row, f"parent {row['parent']!r} is not in an earlier draft than the child")
        if row.get("basis", "editorial") not in LINK_BASES:
            _fail(row, f"basis must be one of {LINK_BASES}")

    seen_positions = set()
    for row in record["position"]:
        _check_keys(row, "position")
        _require(row, "party", "draft", "stance", "summary")
        if row["party"] not in parties:
            _fail(row, f"unknown party {row['party']!r}")
        if row["draft"] not in drafts:
            _fail(row, f"unknown draft {row['draft']!r}")
        if "label" in row and row["label"] not in drafts[row["draft"]]["labels"]:
            _fail(row, f"label: draft {row['draft']!r} has no clause {row['label']!r}")
        if row["stance"] not in STANCES:
            _fail(row, f"stance {row['stance']!r} is not one of {STANCES}")
        if not row.get("sources"):
            _fail(row, "a position needs at least one source")
        _refs(row, "sources", sources, "source id")
        _dispute(row)
        if "was" in row:
            row["was"]["_at"] = row["_at"] + " was"
            _check_keys(row["was"], "position.was")
        key = position_key(row)
        if key in seen_positions:
            _fail(row, f"another position has the same party, target, date and speaker {key}")
        seen_positions.add(key)

    _unique(record["event"], "slug", "event")
    for row in record["event"]:
        _require(row, "title", "date", "summary")
        if row.get("kind", "meeting") not in EVENT_KINDS:
            _fail(row, f"kind {row.get('kind')!r} is not one of {EVENT_KINDS}")
        if row.get("end_date") and row["end_date"] < row["date"]:
            _fail(row, "end_date is before date")
        if not row.get("sources"):
            _fail(row, "an event needs at least one source")
        _refs(row, "sources", sources, "source id")
        _refs(row, "parties", parties, "party")
        _refs(row, "drafts", drafts, "draft")
        _dispute(row)

    for table in ("draft", "event"):
        for row in record[table]:
            for key in ("date", "end_date"):
                if key in row and not isinstance(row[key], date):
                    _fail(row, f"{key} must be a TOML date (2025-11-23), not {row[key]!r}")


def position_key(row: dict, overrides: dict | None = None) -> tuple:
    """What tells one position from another in the file: party, target, date and speaker."""
    merged = {**row, **(overrides or {})}
    return (
        merged["party"],
        merged["draft"],
        merged.get("label"),
        merged.get("stated_on"),
        merged.get("speaker", ""),
    )
