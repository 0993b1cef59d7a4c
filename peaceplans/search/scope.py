"""What a search may match: the reader's filters, and per kind of row the rows a user may read
that satisfy them, the fields searched and the fields that place a hit in its group."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from ..api import visible
from ..models import ClauseVersion, Draft, Event, Position


@dataclass(frozen=True)
class Filters:
    plan: str = ""
    draft: str = ""
    party: str = ""
    stance: str = ""
    topic: str = ""
    basis: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def only_clauses(self) -> bool:
        """Filters that only a clause version or a position can satisfy."""
        return bool(self.stance or self.topic or self.basis)

    @property
    def about_statements(self) -> bool:
        """Filters about what was written or said when: a clause's title has none of these."""
        return bool(self.party or self.stance or self.basis or self.date_from or self.date_to)


def _narrow(qs, **conditions):
    """The rows that meet every condition given a value; an empty filter is no condition."""
    return qs.filter(**{lookup: value for lookup, value in conditions.items() if value})


def _dated(qs, field: str, f: Filters):
    return _narrow(qs, **{f"{field}__gte": f.date_from, f"{field}__lte": f.date_to})


def _version_rows(f: Filters, user):
    qs = _narrow(
        visible.versions(user),
        draft__plan__slug=f.plan,
        draft__slug=f.draft,
        clause__topic=f.topic,
        basis=f.basis,
    )
    if f.party or f.stance:
        stated = _narrow(
            Position.objects.filter(clause_version=OuterRef("pk")),
            party__slug=f.party,
            stance=f.stance,
        )
        qs = qs.filter(Exists(stated))
    return _dated(qs, "draft__date", f)


def _position_rows(f: Filters, user):
    qs = visible.positions(user)
    for name, value in (("plan__slug", f.plan), ("slug", f.draft)):
        if value:
            qs = qs.filter(
                Q(**{f"draft__{name}": value}) | Q(**{f"clause_version__draft__{name}": value})
            )
    qs = _narrow(
        qs,
        party__slug=f.party,
        stance=f.stance,
        clause_version__clause__topic=f.topic,
        clause_version__basis=f.basis,
    )
    return _dated(qs, "stated_on", f)


def _clause_rows(f: Filters, user):
    """Clauses by their title, within a plan, a draft (one of its versions is there) and a topic."""
    if f.about_statements:
        return visible.clauses(user).none()
    qs = _narrow(visible.clauses(user), plan__slug=f.plan, topic=f.topic)
    if f.draft:
        qs = qs.filter(
            Exists(visible.versions(user).filter(clause=OuterRef("pk"), draft__slug=f.draft))
        )
    return qs


def _draft_rows(f: Filters, user):
    qs = visible.drafts(user)
    if f.only_clauses:
        return qs.none()
    qs = _narrow(qs, plan__slug=f.plan, slug=f.draft)
    if f.party:
        qs = qs.filter(Exists(Draft.authors.through.objects.filter(
            draft=OuterRef("pk"), party__slug=f.party
        )))  # fmt: skip
    return _dated(qs, "date", f)


def _source_rows(f: Filters, user):
    qs = visible.sources(user)
    if f.only_clauses or f.party:
        return qs.none()
    if f.plan or f.draft:
        scope = Filters(plan=f.plan, draft=f.draft)
        cited = (
            Q(Exists(ClauseVersion.sources.through.objects.filter(
                source=OuterRef("pk"), clauseversion__in=_version_rows(scope, user).values("pk")
            )))
            | Q(Exists(Draft.sources.through.objects.filter(
                source=OuterRef("pk"), draft__in=_draft_rows(scope, user).values("pk")
            )))
            | Q(Exists(Position.sources.through.objects.filter(
                source=OuterRef("pk"), position__in=_position_rows(scope, user).values("pk")
            )))
        )  # fmt: skip
        qs = qs.filter(cited)
    return _dated(qs, "published_on", f)


def _event_rows(f: Filters, user):
    qs = visible.events(user)
    if f.only_clauses:
        return qs.none()
    qs = _narrow(qs, plan__slug=f.plan)
    if f.draft:
        qs = qs.filter(Exists(Event.drafts.through.objects.filter(
            event=OuterRef("pk"), draft__slug=f.draft
        )))  # fmt: skip
    if f.party:
        qs = qs.filter(Exists(Event.parties.through.objects.filter(
            event=OuterRef("pk"), party__slug=f.party
        )))  # fmt: skip
    return _dated(qs, "date", f)


# Per kind: the rows, the fields searched (weight 2 = heading/title) and the fields that place a
# hit in its group. A clause's title and its versions' texts are one group: the clause.
KINDS = {
    "clause_title": (_clause_rows, {"title": 2}, ()),
    "clause": (_version_rows, {"heading": 2, "text": 1}, ("clause_id", "draft__sequence")),
    "position": (
        _position_rows,
        {"summary": 1},
        ("clause_version__clause_id", "draft_id", "clause_version__draft__sequence"),
    ),
    "draft": (_draft_rows, {"title": 2, "summary": 1}, ()),
    "source": (_source_rows, {"title": 2}, ()),
    "event": (_event_rows, {"title": 2, "summary": 1}, ()),
}
