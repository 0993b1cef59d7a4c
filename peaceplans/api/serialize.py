"""Rows of the record as the API's plain dicts (shapes in schemas.py). No queries here: callers
load what these read, with select_related/prefetch_related, in a fixed number of queries."""

from django.urls import reverse

from ..models import ClauseVersion, Draft, Event, Party, Plan, Position, Source

BASE = "/api/v1"


class Urls:
    """Absolute URLs for one request."""

    def __init__(self, request):
        self.request = request

    def __call__(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def api(self, *parts) -> str:
        return self(BASE + "".join(f"/{part}" for part in parts))

    def version(self, plan: str, draft: str, label: str) -> str:
        return self.api("plans", plan, "drafts", draft, "clauses", label)


def party(p: Party, urls: Urls) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "short_name": p.short_name,
        "kind": p.kind,
        "description": p.description,
        "url": urls.api("parties", p.slug),
        "html_url": urls(p.get_absolute_url()),
    }


def source(s: Source, urls: Urls) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "publisher": s.publisher,
        "published_on": s.published_on,
        "date_note": s.date_note,
        "url": s.url,
        "quote": s.quote,
        "reliability": s.reliability,
        "reliability_note": s.reliability_note,
        "api_url": urls.api("sources", s.pk),
    }


def plan(p: Plan, urls: Urls) -> dict:
    return {
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "url": urls.api("plans", p.slug),
        "html_url": urls(p.get_absolute_url()),
    }


def version_ref(v: ClauseVersion, plan_slug: str, urls: Urls, basis=None) -> dict:
    ref = {
        "draft": v.draft.slug,
        "label": v.label,
        "url": urls.version(plan_slug, v.draft.slug, v.label),
    }
    if basis is not None:
        ref["basis"] = basis or None
    return ref


def clause_version(v: ClauseVersion, plan_slug: str, urls: Urls, parents=()) -> dict:
    """`v.draft` and `v.clause` loaded, `sources` prefetched; `parents`: (version, basis) pairs."""
    return {
        "draft": v.draft.slug,
        "label": v.label,
        "position": v.position,
        "clause": v.clause.slug,
        "clause_title": v.clause.title,
        "topic": v.clause.topic,
        "heading": v.heading,
        "text": v.text,
        "basis": v.basis,
        "disputed": v.disputed,
        "dispute_note": v.dispute_note,
        "derived_from": [version_ref(p, plan_slug, urls, basis) for p, basis in parents],
        "sources": [source(s, urls) for s in v.sources.all()],
        "url": urls.version(plan_slug, v.draft.slug, v.label),
        "html_url": urls(
            reverse(
                "clause_version",
                kwargs={"plan": plan_slug, "draft": v.draft.slug, "label": v.label},
            )
        ),
    }


def position(p: Position, urls: Urls) -> dict:
    """`party`, the target (`draft__plan` or `clause_version__draft__plan`) and `sources` loaded."""
    target = p.clause_version.draft if p.clause_version_id else p.draft
    page = (
        p.clause_version.get_absolute_url() if p.clause_version_id else p.draft.get_absolute_url()
    )
    return {
        "id": p.pk,
        "party": p.party.slug,
        "stance": p.stance,
        "summary": p.summary,
        "stated_on": p.stated_on,
        "date_note": p.date_note,
        "speaker": p.speaker,
        "disputed": p.disputed,
        "dispute_note": p.dispute_note,
        "plan": target.plan.slug,
        "draft": target.slug,
        "label": p.clause_version.label if p.clause_version_id else None,
        "sources": [source(s, urls) for s in p.sources.all()],
        "html_url": urls(page),
    }


def draft(d: Draft, urls: Urls) -> dict:
    """`plan` loaded; authors, derived_from, sources (and point counts, events) prefetched;
    `clause_count` and `place` (see DraftQuerySet.with_place) annotated."""
    counts, events = d.point_counts.all(), d.events.all()
    return {
        "plan": d.plan.slug,
        "slug": d.slug,
        "title": d.title,
        "sequence": d.place,
        "kind": d.kind,
        "date": d.date,
        "date_note": d.date_note,
        "standing": d.standing,
        "coverage": d.text_coverage,
        "summary": d.summary,
        "authors": [a.slug for a in d.authors.all()],
        "derived_from": [p.slug for p in d.derived_from.all()],
        "clause_count": d.clause_count,
        "reported_point_counts": [
            {
                "count": c.count,
                "as_reported": c.as_reported,
                "reported_by": c.reported_by,
                "disputed": c.disputed,
            }
            for c in counts
        ],
        "events": [e.slug for e in events],
        "sources": [source(s, urls) for s in d.sources.all()],
        "url": urls.api("plans", d.plan.slug, "drafts", d.slug),
        "html_url": urls(d.get_absolute_url()),
    }


def event(e: Event, urls: Urls) -> dict:
    """`plan` loaded; parties, the readable drafts and sources prefetched."""
    return {
        "plan": e.plan.slug,
        "slug": e.slug,
        "kind": e.kind,
        "title": e.title,
        "date": e.date,
        "end_date": e.end_date,
        "date_note": e.date_note,
        "place": e.place,
        "summary": e.summary,
        "parties": [p.slug for p in e.parties.all()],
        "drafts": [d.slug for d in e.drafts.all()],
        "disputed": e.disputed,
        "dispute_note": e.dispute_note,
        "sources": [source(s, urls) for s in e.sources.all()],
        "url": urls.api("plans", e.plan.slug, "events", e.slug),
        "html_url": urls(e.get_absolute_url()),
    }
