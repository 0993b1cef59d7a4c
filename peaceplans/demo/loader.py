"""Load a plan's record from reviewable TOML (see ukraine/) and make the database match it.

Rows are matched on natural keys (slugs; a clause version by its draft and clause, so a
renumbered point keeps its history; a position by party, target, date and speaker) and only what
differs is written, so a second load writes nothing, history included. What the file no longer
holds is deleted through simple-history with the file's correction reason: loading a new edition
over an old one converges to exactly the new edition.
"""

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction

from .. import services
from ..caching import one_change
from ..models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Event,
    Party,
    Plan,
    Position,
    ReportedPointCount,
    SlugRedirect,
    Source,
)
from ..services import tracked_save, tracked_set_related
from .validate import DemoDataError, position_key, read_record

DEMO_PATH = Path(__file__).with_name("ukraine")
DEMO_FILE = DEMO_PATH  # the name the command and older tests use
REASON = "Loaded from the demo data file"

__all__ = ["DEMO_FILE", "DEMO_PATH", "DemoDataError", "LoadReport", "load_plan_file"]


@dataclass
class LoadReport:
    created_or_changed: int = 0
    deleted: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _draft_values(row: dict) -> dict:
    # Every field, with the model's default where the file is silent, so that a field the new
    # edition leaves out is reset rather than kept from the old one.
    return {
        "title": row["title"],
        "sequence": row["sequence"],
        "date": row.get("date"),
        "date_note": row.get("date_note", ""),
        "kind": row.get("kind", Draft.Kind.DRAFT),
        "standing": row.get("standing", Draft.Standing.PROPOSED),
        "text_coverage": row.get(
            "text_coverage",
            Draft.Coverage.UNKNOWN if row.get("kind") == "mentioned" else Draft.Coverage.COMPLETE,
        ),
        "authorship_disputed": row.get("authorship_disputed", False),
        "authorship_note": row.get("authorship_note", ""),
        "disputed": row.get("disputed", False),
        "dispute_note": row.get("dispute_note", ""),
        "derivation_note": row.get("derivation_note", ""),
        "summary": row.get("summary", ""),
        "editorial_state": row.get("editorial_state", Draft.EditorialState.PUBLISHED),
    }


class _Loader:
    def __init__(self, record: dict):
        self.record = record
        self.fix = record["meta"].get("correction_reason", REASON)
        self.report = LoadReport()

    # -------------------------------------------------------------- writing primitives

    def save(self, instance: models.Model, *, created: bool) -> None:
        tracked_save(instance, reason=REASON if created else self.fix)
        self.report.created_or_changed += 1

    def upsert(self, model, *, lookup: dict, values: dict, instance=None, find: bool = True):
        """Create, or write only the fields that differ. Returns (instance, created).

        With find=False the caller has looked for the row already (`instance`, maybe None)."""
        if instance is None and find:
            instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            self.save(instance, created=True)
            return instance, True
        changed = {k: v for k, v in values.items() if getattr(instance, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(instance, name, value)
            self.save(instance, created=False)
        return instance, False

    def set_related(self, instance, name: str, targets, *, created: bool) -> None:
        reason = REASON if created else self.fix
        if tracked_set_related(instance, name, targets, reason=reason):
            self.report.created_or_changed += 1

    def delete(self, instance: models.Model) -> None:
        tracked_delete = getattr(services, "tracked_delete", None)
        if tracked_delete is not None:
            tracked_delete(instance, user=None, reason=self.fix)
        else:
            instance._change_reason = self.fix
            instance.delete()
        self.report.deleted += 1

    # -------------------------------------------------------------- the record

    def run(self) -> LoadReport:
        record = self.record
        plan_row = {k: v for k, v in record["plan"].items() if k != "_at"}
        self.plan, _ = self.upsert(
            Plan,
            lookup={"slug": plan_row.pop("slug")},
            values={
                "title": plan_row["title"],
                "summary": plan_row.get("summary", ""),
                "recorded_up_to": plan_row.get("recorded_up_to"),
                "recorded_up_to_note": plan_row.get("recorded_up_to_note", ""),
            },
        )
        self.parties = {row["slug"]: self._party(row) for row in record["party"]}
        self.sources = {row["id"]: self._source(row) for row in record["source"]}
        self.clauses = {row["slug"]: self._clause(row) for row in record["clause"]}
        self.drafts: dict[str, Draft] = {}
        self.versions: dict[str, ClauseVersion] = {}
        self.redirects: dict[tuple[str, str], tuple[str, str]] = {
            (row["kind"], row["old"]): (row["new"], row.get("note", ""))
            for row in record["redirect"]
        }
        kept_counts = set()
        for row in record["draft"]:
            self._draft(row)
            kept_counts |= self._point_counts(row)
        self._derivations()
        kept_positions = {self._position(row) for row in record["position"]}
        kept_events = {self._event(row) for row in record["event"]}
        kept_redirects = {self._redirect(k, *v) for k, v in self.redirects.items()}
        self._delete_the_rest(kept_positions, kept_counts, kept_events, kept_redirects)
        self.report.counts = {
            "drafts": len(self.drafts),
            "clauses": len(self.clauses),
            "clause versions": len(self.versions),
            "positions": len(kept_positions),
            "events": len(kept_events),
            "sources": len(self.sources),
            "parties": len(self.parties),
        }
        return self.report

    def _party(self, row: dict) -> Party:
        values = {
            "name": row["name"],
            "short_name": row["short_name"],
            "kind": row.get("kind", Party.Kind.STATE),
            "colour": row.get("colour", "#555555"),
            "description": row.get("description", ""),
        }
        return self.upsert(Party, lookup={"slug": row["slug"]}, values=values)[0]

    def _source(self, row: dict) -> Source:
        values = {
            "title": row["title"],
            "publisher": row.get("publisher", ""),
            "published_on": row.get("published_on"),
            "date_note": row.get("date_note", ""),
            "quote": row.get("quote", ""),
            "reliability": row.get("reliability", "secondary"),
            "reliability_note": row.get("reliability_note", ""),
        }
        if row.get("url"):
            lookup = {"url": row["url"]}
        else:
            lookup = {"url": "", "title": values.pop("title"), "publisher": values.pop("publisher")}
        return self.upsert(Source, lookup=lookup, values=values)[0]

    def _clause(self, row: dict) -> Clause:
        values = {
            "title": row["title"],
            "topic": row["topic"],
            "description": row.get("description", ""),
        }
        return self.upsert(Clause, lookup={"plan": self.plan, "slug": row["slug"]}, values=values)[
            0
        ]

    def _draft(self, row: dict) -> None:
        plan = self.plan
        existing = Draft.objects.filter(plan=plan, slug=row["slug"]).first()
        if existing is None:
            for old in row.get("former_slugs", []):
                existing = Draft.objects.filter(plan=plan, slug=old).first()
                if existing is not None:
                    break
        for old in row.get("former_slugs", []):
            self.redirects.setdefault(("draft", old), (row["slug"], "Renamed"))
        values = _draft_values(row)
        values["slug"] = row["slug"]
        values["companion_to"] = self.drafts.get(row.get("companion_to"))
        self._free(Draft, {"plan": plan, "sequence": row["sequence"]}, existing, "sequence")
        draft, created = self.upsert(
            Draft, lookup={"plan": plan}, values=values, instance=existing, find=False
        )
        self.drafts[row["slug"]] = draft
        related = {
            "authors": [self.parties[s] for s in row.get("authors", [])],
            "derived_from": [self.drafts[s] for s in row.get("derived_from", [])],
            "dropped_clauses": [self.clauses[s] for s in row.get("dropped_clauses", [])],
            "sources": [self.sources[s] for s in row.get("sources", [])],
        }
        for name, targets in related.items():
            self.set_related(draft, name, targets, created=created)
        for position, clause_row in enumerate(row.get("clause", []), start=1):
            self._version(draft, clause_row, position)

    def _free(self, model, taken: dict, keep, field_name: str) -> None:
        """Move a row out of the way when the new edition gives its number or label to
        another one (points renumbered): it gets a temporary value until its own turn."""
        holder = model.objects.filter(**taken).first()
        if holder is not None and (keep is None or holder.pk != keep.pk):
            setattr(
                holder,
                field_name,
                100_000 + holder.pk if field_name == "sequence" else f"x{holder.pk}",
            )
            self.save(holder, created=False)

    def _version(self, draft: Draft, row: dict, position: int) -> None:
        clause = self.clauses[row["clause"]]
        existing = ClauseVersion.objects.filter(draft=draft, clause=clause).first()
        self._free(ClauseVersion, {"draft": draft, "label": row["label"]}, existing, "label")
        values = {
            "label": row["label"],
            "position": position,
            "heading": row.get("heading", ""),
            "text": row.get("text", "").strip(),
            "basis": row.get("basis", "reported"),
            "disputed": row.get("disputed", False),
            "dispute_note": row.get("dispute_note", ""),
        }
        version, created = self.upsert(
            ClauseVersion,
            lookup={"draft": draft, "clause": clause},
            values=values,
            instance=existing,
        )
        cited = [self.sources[s] for s in row.get("sources", [])]
        self.set_related(version, "sources", cited, created=created)
        self.versions[f"{draft.slug}:{version.label}"] = version

    def _point_counts(self, row: dict) -> set[int]:
        draft, kept = self.drafts[row["slug"]], set()
        for position, count in enumerate(row.get("point_count", []), start=1):
            values = {
                "count": count.get("count"),
                "reported_by": count.get("reported_by", ""),
                "position": position,
                "disputed": count.get("disputed", False),
                "note": count.get("note", ""),
            }
            instance, created = self.upsert(
                ReportedPointCount,
                lookup={"draft": draft, "as_reported": count["as_reported"]},
                values=values,
            )
            cited = [self.sources[s] for s in count["sources"]]
            self.set_related(instance, "sources", cited, created=created)
            kept.add(instance.pk)
        return kept

    # -------------------------------------------------------------- lineage

    def _wanted_links(self) -> dict[tuple[int, int], tuple[str, str]]:
        """(child, parent) -> (basis, note). A draft that sets `lineage_basis` links each of its
        versions to the same clause in its nearest ancestor draft; [[derivation]] adds splits,
        merges and links across lines of drafts."""
        rows = {row["slug"]: row for row in self.record["draft"]}
        wanted = {}
        for row in self.record["draft"]:
            if "lineage_basis" not in row:
                continue
            for clause_row in row.get("clause", []):
                if clause_row.get("lineage") is False:
                    continue
                parent = self._ancestor_version(rows, row["slug"], clause_row["clause"])
                if parent is None:
                    continue
                child = self.versions[f"{row['slug']}:{clause_row['label']}"]
                wanted[(child.pk, parent.pk)] = (
                    clause_row.get("lineage_basis", row["lineage_basis"]),
                    clause_row.get("lineage_note", row.get("lineage_note", "")),
                )
        for link in self.record["derivation"]:
            child, parent = self.versions[link["child"]], self.versions[link["parent"]]
            wanted[(child.pk, parent.pk)] = (link.get("basis", "editorial"), link.get("note", ""))
        return wanted

    def _ancestor_version(self, rows: dict, slug: str, clause_slug: str):
        queue, seen = deque(rows[slug].get("derived_from", [])), set()
        while queue:
            earlier = queue.popleft()
            if earlier in seen:
                continue
            seen.add(earlier)
            for clause_row in rows[earlier].get("clause", []):
                if clause_row["clause"] == clause_slug:
                    return self.versions[f"{earlier}:{clause_row['label']}"]
            queue.extend(rows[earlier].get("derived_from", []))
        return None

    def _derivations(self) -> None:
        wanted = self._wanted_links()
        by_pk = {v.pk: v for v in self.versions.values()}
        existing = {
            (link.child_id, link.parent_id): link
            for link in ClauseDerivation.objects.filter(child__draft__plan=self.plan)
        }
        for key, link in existing.items():
            if wanted.get(key) != (link.basis, link.note):
                # Through the child's manager so its history records the change and the reason.
                child = link.child
                child._change_reason = self.fix
                child.derived_from.remove(link.parent_id)
                self.report.created_or_changed += 1
        for key, (basis, note) in wanted.items():
            link = existing.get(key)
            if link is not None and (link.basis, link.note) == (basis, note):
                continue
            child = by_pk[key[0]]
            child._change_reason = REASON if link is None else self.fix
            child.derived_from.add(key[1], through_defaults={"basis": basis, "note": note})
            self.report.created_or_changed += 1

    # -------------------------------------------------------------- positions, events

    def _position_target(self, key: tuple) -> dict:
        _, draft_slug, label, _, _ = key
        if label is None:
            return {"draft": self.drafts[draft_slug], "clause_version": None}
        return {"draft": None, "clause_version": self.versions[f"{draft_slug}:{label}"]}

    def _find_position(self, key: tuple):
        party, _, _, stated_on, speaker = key
        return Position.objects.filter(
            party=self.parties[party],
            stated_on=stated_on,
            speaker=speaker,
            **self._position_target(key),
        ).first()

    def _position(self, row: dict) -> int:
        key = position_key(row)
        existing = self._find_position(key)
        if existing is None and "was" in row:
            was = {k: v for k, v in row["was"].items() if k != "_at"}
            try:
                existing = self._find_position(position_key(row, was))
            except KeyError as error:
                raise DemoDataError(f"{row['_at']}: was: unknown {error}") from None
        values = {
            "party": self.parties[row["party"]],
            **self._position_target(key),
            "stated_on": row.get("stated_on"),
            "date_note": row.get("date_note", ""),
            "speaker": row.get("speaker", ""),
            "stance": row["stance"],
            "summary": row["summary"].strip(),
            "disputed": row.get("disputed", False),
            "dispute_note": row.get("dispute_note", ""),
        }
        position, created = self.upsert(
            Position, lookup={}, values=values, instance=existing, find=False
        )
        cited = [self.sources[s] for s in row["sources"]]
        self.set_related(position, "sources", cited, created=created)
        return position.pk

    def _event(self, row: dict) -> int:
        values = {
            "kind": row.get("kind", Event.Kind.MEETING),
            "title": row["title"],
            "date": row["date"],
            "end_date": row.get("end_date"),
            "date_note": row.get("date_note", ""),
            "place": row.get("place", ""),
            "summary": row["summary"].strip(),
            "disputed": row.get("disputed", False),
            "dispute_note": row.get("dispute_note", ""),
        }
        event, created = self.upsert(
            Event, lookup={"plan": self.plan, "slug": row["slug"]}, values=values
        )
        for name, targets in {
            "parties": [self.parties[s] for s in row.get("parties", [])],
            "drafts": [self.drafts[s] for s in row.get("drafts", [])],
            "sources": [self.sources[s] for s in row["sources"]],
        }.items():
            self.set_related(event, name, targets, created=created)
        return event.pk

    def _redirect(self, key: tuple[str, str], new: str, note: str) -> int:
        kind, old = key
        redirect, _ = self.upsert(
            SlugRedirect,
            lookup={"plan": self.plan, "kind": kind, "old_slug": old},
            values={"new_slug": new, "note": note},
        )
        return redirect.pk

    # -------------------------------------------------------------- what the file dropped

    def _delete_the_rest(self, positions, counts, events, redirects) -> None:
        plan = self.plan
        in_plan = models.Q(draft__plan=plan) | models.Q(clause_version__draft__plan=plan)
        for position in Position.objects.filter(in_plan).exclude(pk__in=positions):
            self.delete(position)
        for count in ReportedPointCount.objects.filter(draft__plan=plan).exclude(pk__in=counts):
            self.delete(count)
        for event in Event.objects.filter(plan=plan).exclude(pk__in=events):
            self.delete(event)
        kept_versions = {v.pk for v in self.versions.values()}
        for version in ClauseVersion.objects.filter(draft__plan=plan).exclude(pk__in=kept_versions):
            self.delete(version)
        kept_drafts = {d.pk for d in self.drafts.values()}
        for draft in Draft.objects.filter(plan=plan).exclude(pk__in=kept_drafts):
            self.delete(draft)
        kept_clauses = {c.pk for c in self.clauses.values()}
        for clause in Clause.objects.filter(plan=plan).exclude(pk__in=kept_clauses):
            self.delete(clause)
        for redirect in SlugRedirect.objects.filter(plan=plan).exclude(pk__in=redirects):
            self.delete(redirect)
        # Sources and parties are shared between plans: only what nothing cites any more goes.
        unused_sources = Source.objects.filter(
            drafts=None, clause_versions=None, positions=None, point_counts=None, events=None
        ).exclude(pk__in={s.pk for s in self.sources.values()})
        for source in unused_sources:
            self.delete(source)
        unused_parties = Party.objects.filter(
            positions=None, authored_drafts=None, events=None
        ).exclude(pk__in={p.pk for p in self.parties.values()})
        for party in unused_parties:
            self.delete(party)


@transaction.atomic
def load_plan_file(path: Path = DEMO_PATH) -> LoadReport:
    """Load one file or a folder of files; raises DemoDataError (naming where) if it is wrong."""
    with one_change():  # one bump of every page's version, not one per row
        return _Loader(read_record(Path(path))).run()
