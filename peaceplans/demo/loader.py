"""Load a plan's record from a reviewable TOML file (see ukraine_2025.toml).

Idempotent: rows are matched on natural keys (slugs, labels, URLs) and only what differs is
written, so a second load writes nothing, history included.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ..models import Clause, ClauseDerivation, ClauseVersion, Draft, Party, Plan, Position, Source
from ..services import tracked_set_related, upsert

DEMO_FILE = Path(__file__).with_name("ukraine_2025.toml")
REASON = "Loaded from the demo data file"


class DemoDataError(ValueError):
    """The data file is inconsistent (an unknown key, a duplicate)."""


@dataclass
class LoadReport:
    created_or_changed: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def note(self, changed: bool) -> None:
        self.created_or_changed += int(changed)


def _pick(mapping: dict, key: str, what: str):
    try:
        return mapping[key]
    except KeyError:
        raise DemoDataError(f"unknown {what} {key!r}") from None


@transaction.atomic
def load_plan_file(path: Path = DEMO_FILE) -> LoadReport:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()

    plan, changed = upsert(
        Plan,
        lookup={"slug": data["plan"]["slug"]},
        values={k: v for k, v in data["plan"].items() if k != "slug"},
        reason=REASON,
    )
    report.note(changed)

    parties = {}
    for row in data.get("party", []):
        values = {k: v for k, v in row.items() if k != "slug"}
        parties[row["slug"]], changed = upsert(
            Party, lookup={"slug": row["slug"]}, values=values, reason=REASON
        )
        report.note(changed)

    sources = {}
    for row in data.get("source", []):
        key = row["id"]
        if key in sources:
            raise DemoDataError(f"source id {key!r} appears twice")
        values = {k: v for k, v in row.items() if k != "id"}
        lookup = (
            {"url": values.pop("url")}
            if row.get("url")
            else {"url": "", "title": values.pop("title"), "publisher": values.pop("publisher", "")}
        )
        sources[key], changed = upsert(Source, lookup=lookup, values=values, reason=REASON)
        report.note(changed)

    clauses = {}
    for row in data.get("clause", []):
        values = {k: v for k, v in row.items() if k != "slug"}
        clauses[row["slug"]], changed = upsert(
            Clause, lookup={"plan": plan, "slug": row["slug"]}, values=values, reason=REASON
        )
        report.note(changed)

    drafts, versions = {}, {}
    for row in data.get("draft", []):
        scalar = {
            k: v
            for k, v in row.items()
            if k not in {"slug", "authors", "derived_from", "dropped_clauses", "sources", "clause"}
        }
        scalar.setdefault("editorial_state", Draft.EditorialState.PUBLISHED)
        draft, changed = upsert(
            Draft, lookup={"plan": plan, "slug": row["slug"]}, values=scalar, reason=REASON
        )
        report.note(changed)
        drafts[row["slug"]] = draft
        related = {
            "authors": [_pick(parties, s, "party") for s in row.get("authors", [])],
            "derived_from": [
                _pick(drafts, s, "earlier draft") for s in row.get("derived_from", [])
            ],
            "dropped_clauses": [
                _pick(clauses, s, "clause") for s in row.get("dropped_clauses", [])
            ],
            "sources": [_pick(sources, s, "source") for s in row.get("sources", [])],
        }
        for name, targets in related.items():
            report.note(tracked_set_related(draft, name, targets, reason=REASON))

        for position, clause_row in enumerate(row.get("clause", []), start=1):
            values = {
                "clause": _pick(clauses, clause_row["clause"], "clause"),
                "position": position,
                "heading": clause_row.get("heading", ""),
                "text": clause_row.get("text", ""),
                "basis": clause_row.get("basis", "reported"),
                "disputed": clause_row.get("disputed", False),
                "dispute_note": clause_row.get("dispute_note", ""),
            }
            version, changed = upsert(
                ClauseVersion,
                lookup={"draft": draft, "label": clause_row["label"]},
                values=values,
                reason=REASON,
            )
            report.note(changed)
            cited = [_pick(sources, s, "source") for s in clause_row.get("sources", [])]
            report.note(tracked_set_related(version, "sources", cited, reason=REASON))
            versions[f"{draft.slug}:{version.label}"] = version

    for row in data.get("derivation", []):
        child = _pick(versions, row["child"], "clause version")
        parent = _pick(versions, row["parent"], "clause version")
        if not ClauseDerivation.objects.filter(child=child, parent=parent).exists():
            # Through .add() so simple-history records the change on the child's history.
            child._change_reason = REASON
            child.derived_from.add(parent)
            report.note(True)

    seen_positions = set()
    for row in data.get("position", []):
        draft = _pick(drafts, row["draft"], "draft")
        target = (
            {
                "clause_version": _pick(versions, f"{draft.slug}:{row['label']}", "clause version"),
                "draft": None,
            }
            if "label" in row
            else {"draft": draft, "clause_version": None}
        )
        key = (row["party"], row["draft"], row.get("label"), row.get("stated_on"))
        if key in seen_positions:
            raise DemoDataError(f"position {key} appears twice")
        seen_positions.add(key)
        values = {
            "stance": row["stance"],
            "summary": row["summary"],
            "speaker": row.get("speaker", ""),
            "disputed": row.get("disputed", False),
            "dispute_note": row.get("dispute_note", ""),
        }
        position, changed = upsert(
            Position,
            lookup={
                "party": _pick(parties, row["party"], "party"),
                "stated_on": row.get("stated_on"),
                **target,
            },
            values=values,
            reason=REASON,
        )
        report.note(changed)
        cited = [_pick(sources, s, "source") for s in row["sources"]]
        report.note(tracked_set_related(position, "sources", cited, reason=REASON))

    report.counts = {
        "drafts": len(drafts),
        "clauses": len(clauses),
        "clause versions": len(versions),
        "positions": len(seen_positions),
        "sources": len(sources),
        "parties": len(parties),
    }
    return report
