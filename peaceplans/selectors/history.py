"""A draft's history: every real change to it, its clauses and the positions on them."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from ..diffing import TextDiff, diff_texts, texts_equal
from ..models import ClauseVersion, Draft, Party, Position
from ..revisions import paired
from .common import Pager, _draft, pager


@dataclass
class HistoryEntry:
    kind: str  # "draft", "clause", "position"
    record: object
    previous: object | None
    diff: TextDiff | None
    label: str
    number: int = 0  # this record's revision number for its row (1 = created)
    changed: list[str] = field(default_factory=list)  # names of the fields that changed
    url: str = ""

    @property
    def action(self) -> str:
        return {"+": "added", "-": "deleted"}.get(self.record.history_type, "changed")


@dataclass
class DraftHistoryPage:
    draft: Draft
    entries: list[HistoryEntry]  # this page's, newest first
    pager: Pager


def _field_names(record) -> dict[str, str]:
    """attname -> reader's name, for the fields of the tracked row (not history bookkeeping)."""
    return {
        f.attname: str(f.verbose_name)
        for f in type(record)._meta.fields
        if not f.name.startswith("history_") and f.name != "id"
    }


def _paired(records, kind: str, describe) -> list[HistoryEntry]:
    """One entry per real change: a save that changed no field (a no-op) is left out."""
    entries, numbers = [], defaultdict(int)
    for previous, record in paired(records):
        numbers[record.id] += 1
        changed = []
        if previous is not None and record.history_type == "~":
            names = _field_names(record)
            changed = [
                name
                for attname, name in names.items()
                if getattr(previous, attname) != getattr(record, attname)
            ]
            if not changed:
                continue
        entries.append(
            HistoryEntry(
                kind, record, previous, None, describe(record), numbers[record.id], changed
            )
        )
    return entries


def _with_diff(entry: HistoryEntry) -> HistoryEntry:
    """A short word diff of the entry's text (a clause) or summary (a position, a draft): done
    only for the entries a page shows, as diffs are the costly part of a long history."""
    field_name = "text" if entry.kind == "clause" else "summary"
    new = getattr(entry.record, field_name, None)
    old = getattr(entry.previous, field_name, None) if entry.previous is not None else None
    if new is not None and old is not None and not texts_equal(old, new):
        entry.diff = diff_texts(old, new)
    return entry


HISTORY_PER_PAGE = 100


def draft_history_page(
    plan_slug: str, draft_slug: str, viewer=None, *, page: int = 1
) -> DraftHistoryPage:
    """One entry per real change, newest first, HISTORY_PER_PAGE a page: every revision is
    loaded and paired in memory (to drop no-op saves and number revisions), but diffs and
    links are made only for the entries shown."""
    draft = _draft(plan_slug, draft_slug, viewer)
    draft_records = draft.history.all()
    clause_records = list(ClauseVersion.history.filter(draft_id=draft.id))
    version_ids = {r.id for r in clause_records}
    position_records = Position.history.filter(
        Q(draft_id=draft.id) | Q(clause_version_id__in=version_ids)
    )
    parties = {p.id: p for p in Party.objects.all()}
    labels = {r.id: r.label for r in clause_records}

    def describe_position(record):
        party = parties.get(record.party_id)
        where = (
            f"§{labels.get(record.clause_version_id, '?')}"
            if record.clause_version_id
            else "the draft"
        )
        return f"{party.name if party else 'A party'} on {where}"

    # Each clause version's latest record: its label now, or None once deleted.
    current: dict[int, str | None] = {}
    for record in sorted(clause_records, key=lambda r: (r.history_date, r.history_id)):
        current[record.id] = None if record.history_type == "-" else record.label
    plan_slug, draft_url = draft.plan.slug, draft.get_absolute_url()

    def version_url(version_id, number=None) -> str:
        label = current.get(version_id)
        if not label:
            return ""
        kwargs = {"plan": plan_slug, "draft": draft.slug, "label": label}
        if number is None:
            return reverse("clause_version", kwargs=kwargs)
        return reverse("clause_revision", kwargs={**kwargs, "number": number})

    entries = (
        _paired(draft_records, "draft", lambda r: r.title)
        + _paired(clause_records, "clause", lambda r: f"§{r.label}")
        + _paired(position_records, "position", describe_position)
    )
    entries.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    pages, window = pager(len(entries), page, HISTORY_PER_PAGE)
    shown = entries[window]
    for entry in shown:
        if entry.kind == "draft":
            entry.url = draft_url
        elif entry.kind == "clause":
            entry.url = version_url(entry.record.id, entry.number)
        elif entry.record.clause_version_id:
            entry.url = version_url(entry.record.clause_version_id)
        else:
            entry.url = draft_url
        _with_diff(entry)
    return DraftHistoryPage(draft, shown, pages)
