"""Atom feeds of changes to the record: new drafts, corrections of published text (with their
reason), new positions, new events. One for the site, one per plan, one per clause.

A correction links to its revision permalink (…/rev/<n>/), numbered as the revision pages number
them. Atom summaries are HTML to feed readers, so every summary is escaped here first (the XML
writer then escapes it once more, as XML); titles are plain text.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .api import visible
from .models import Clause, ClauseVersion, Draft, Event, Plan, Position

ITEMS = 50
TAG = "tag:peaceplans,2025:"  # Atom ids must be IRIs; these never change
REVISED_FIELDS = ("text", "heading", "label", "basis")


@dataclass(frozen=True)
class Scope:
    user: object
    plan: Plan | None = None
    clause: Clause | None = None


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    summary: str  # plain text: escaped when written
    link: str
    date: datetime


def _new_drafts(scope: Scope) -> list[Item]:
    drafts = visible.drafts(scope.user).select_related("plan")
    if scope.plan:
        drafts = drafts.filter(plan=scope.plan)
    if scope.clause:
        drafts = drafts.filter(clause_versions__clause=scope.clause)
    published = (
        Draft.history.filter(id=OuterRef("pk"), editorial_state=Draft.EditorialState.PUBLISHED)
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    created = (
        Draft.history.filter(id=OuterRef("pk")).values("id").annotate(first=Min("history_date"))
    )
    drafts = drafts.annotate(
        shown_at=Subquery(published), created_at=Subquery(created.values("first"))
    ).order_by(F("shown_at").desc(nulls_last=True), "-pk")[:ITEMS]
    return [
        Item(
            guid=f"{TAG}draft-{d.pk}",
            title=f"New draft: {d.title} ({d.plan.title})",
            summary=d.summary or d.date_note,
            link=d.get_absolute_url(),
            date=d.shown_at or d.created_at,
        )
        for d in drafts
        if d.shown_at or d.created_at
    ]


def _corrections(scope: Scope) -> list[Item]:
    """Saves of a version's text, heading, label or basis after its draft was published."""
    shown = visible.drafts(scope.user).values("pk")
    published_at = (
        Draft.history.filter(
            id=OuterRef("draft_id"), editorial_state=Draft.EditorialState.PUBLISHED
        )
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    candidates = ClauseVersion.history.filter(history_type="~", draft_id__in=shown)
    if scope.plan:
        candidates = candidates.filter(draft_id__in=scope.plan.drafts.values("pk"))
    if scope.clause:
        candidates = candidates.filter(clause_id=scope.clause.pk)
    candidates = list(
        candidates.annotate(published_at=Subquery(published_at))
        .filter(history_date__gt=F("published_at"))
        .order_by("-history_date", "-history_id")
        .values_list("history_id", "id")[: ITEMS * 2]
    )
    if not candidates:
        return []
    version_ids = {version_id for _, version_id in candidates}
    wanted = {history_id for history_id, _ in candidates}
    records = ClauseVersion.history.filter(id__in=version_ids).order_by(
        "history_date", "history_id"
    )
    versions = {
        v.pk: v
        for v in visible.versions(scope.user)
        .filter(pk__in=version_ids)
        .select_related("draft__plan", "clause")
    }
    items, previous, numbers = [], {}, {}
    for record in records.only(
        "history_id", "id", "history_date", "history_change_reason", *REVISED_FIELDS
    ):
        number = numbers[record.id] = numbers.get(record.id, 0) + 1
        before = previous.get(record.id)
        previous[record.id] = record
        version = versions.get(record.id)
        if record.history_id not in wanted or before is None or version is None:
            continue
        if all(getattr(record, name) == getattr(before, name) for name in REVISED_FIELDS):
            continue
        kwargs = {
            "plan": version.draft.plan.slug,
            "draft": version.draft.slug,
            "label": version.label,
            "number": number,
        }
        reason = record.history_change_reason or "no reason given"
        items.append(
            Item(
                guid=f"{TAG}revision-{record.history_id}",
                title=f"Corrected: {version.draft.title} §{version.label} ({version.clause.title})",
                summary=f"Reason: {reason}\n\nText now: {record.text or 'not known'}",
                link=reverse("clause_revision", kwargs=kwargs),
                date=record.history_date,
            )
        )
    return items


def _new_positions(scope: Scope) -> list[Item]:
    positions = visible.positions(scope.user).select_related(
        "party", "draft__plan", "clause_version__draft__plan", "clause_version__clause"
    )
    if scope.plan:
        positions = positions.filter(
            Q(draft__plan=scope.plan) | Q(clause_version__draft__plan=scope.plan)
        )
    if scope.clause:
        positions = positions.filter(clause_version__clause=scope.clause)
    created = (
        Position.history.filter(id=OuterRef("pk"))
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    positions = positions.annotate(created_at=Subquery(created)).order_by(
        F("created_at").desc(nulls_last=True), "-pk"
    )[:ITEMS]
    items = []
    for p in positions:
        target = p.clause_version or p.draft
        where = (
            f"{p.clause_version.draft.title} §{p.clause_version.label}"
            if p.clause_version
            else f"{p.draft.title} as a whole"
        )
        items.append(
            Item(
                guid=f"{TAG}position-{p.pk}",
                title=f"{p.party.name}: {p.get_stance_display()} on {where}",
                summary=p.summary,
                link=target.get_absolute_url(),
                date=p.created_at,
            )
        )
    return [item for item in items if item.date is not None]


def _new_events(scope: Scope) -> list[Item]:
    events = visible.events(scope.user).select_related("plan")
    if scope.plan:
        events = events.filter(plan=scope.plan)
    if scope.clause:  # events about a draft that holds the clause
        events = events.filter(drafts__clause_versions__clause=scope.clause).distinct()
    created = (
        Event.history.filter(id=OuterRef("pk"))
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    events = events.annotate(created_at=Subquery(created)).order_by(
        F("created_at").desc(nulls_last=True), "-pk"
    )[:ITEMS]
    return [
        Item(
            guid=f"{TAG}event-{e.pk}",
            title=f"Event: {e.title} ({e.date:%-d %b %Y}, {e.plan.title})",
            summary=e.summary,
            link=e.get_absolute_url(),
            date=e.created_at,
        )
        for e in events
        if e.created_at is not None
    ]


class RecordFeed(Feed):
    feed_type = Atom1Feed
    author_name = "peaceplans"

    def get_object(self, request, plan=None, clause=None):
        found_plan = get_object_or_404(Plan, slug=plan) if plan else None
        found_clause = None
        if clause:
            found_clause = get_object_or_404(
                visible.clauses(request.user), plan=found_plan, slug=clause
            )
        return Scope(request.user, found_plan, found_clause)

    def title(self, scope: Scope) -> str:
        if scope.clause:
            return f"{scope.clause.title} ({scope.plan.title}): changes on peaceplans"
        if scope.plan:
            return f"{scope.plan.title}: changes on peaceplans"
        return "peaceplans: changes to the record"

    def link(self, scope: Scope) -> str:
        if scope.clause:
            return scope.clause.get_absolute_url()
        return scope.plan.get_absolute_url() if scope.plan else reverse("home")

    def subtitle(self, scope: Scope) -> str:
        return "New drafts, corrections of published text with their reason, new positions, events."

    def items(self, scope: Scope) -> list[Item]:
        items = (
            _new_drafts(scope) + _corrections(scope) + _new_positions(scope) + _new_events(scope)
        )
        return sorted(items, key=lambda item: (item.date, item.guid), reverse=True)[:ITEMS]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return escape(item.summary).replace("\n", "<br>")

    def item_link(self, item: Item) -> str:
        return item.link

    def item_guid(self, item: Item) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Item) -> datetime:
        return item.date

    def item_updateddate(self, item: Item) -> datetime:
        return item.date


record_feed = RecordFeed()
