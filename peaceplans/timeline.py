"""Reads for the plan's time line: its drafts and the events that are not drafts (rounds of
talks, meetings, handovers, declarations, pauses) in one date order, and each draft's point
counts as reported. Fixed queries, whatever the size of the record."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from .models import Draft, Event, ReportedPointCount, Source

_sources = Prefetch("sources", queryset=Source.objects.order_by("reliability", "title"))


@dataclass
class TimelineEntry:
    date: date | None
    draft: Draft | None = None
    event: Event | None = None

    @property
    def kind(self) -> str:
        return "draft" if self.draft is not None else "event"


def point_counts_for(drafts: list[Draft]) -> dict[int, list[ReportedPointCount]]:
    """Every count a source gave for each draft, conflicting ones included (2 queries)."""
    counts: dict[int, list[ReportedPointCount]] = defaultdict(list)
    for count in ReportedPointCount.objects.filter(draft__in=drafts).prefetch_related(_sources):
        counts[count.draft_id].append(count)
    return dict(counts)


def events_of(plan, viewer) -> list[Event]:
    """The plan's events, with the drafts they concern that this reader may see (4 queries)."""
    return list(
        Event.objects.filter(plan=plan)
        .order_by("date", "slug")
        .prefetch_related(
            "parties",
            Prefetch("drafts", queryset=Draft.objects.visible_to(viewer).order_by("sequence")),
            _sources,
        )
    )


def timeline(drafts: list[Draft], events: list[Event]) -> list[TimelineEntry]:
    """Drafts and events in date order; a draft before an event of the same day (the event
    is usually about it), drafts among themselves in their sequence."""
    entries = [(d.date or date.max, 0, d.sequence, TimelineEntry(d.date, draft=d)) for d in drafts]
    entries += [(e.date, 1, n, TimelineEntry(e.date, event=e)) for n, e in enumerate(events)]
    return [entry for *_, entry in sorted(entries, key=lambda t: t[:3])]
