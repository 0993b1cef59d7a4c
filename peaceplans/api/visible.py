"""What a user may read, for the API, search, exports, feeds and citations.

Everything they read starts here, through the models' `visible_to(user)`, so a draft in
preparation (and the clauses, positions and sources that only it shows) stays with those who
have the editors' permission."""

from django.db.models import Exists, OuterRef, Q

from ..models import Clause, ClauseVersion, Draft, Event, Position, Source
from ..models import sees_unpublished as sees_unpublished


def drafts(user):
    return Draft.objects.visible_to(user)


def versions(user):
    return ClauseVersion.objects.visible_to(user)


def positions(user):
    return Position.objects.visible_to(user)


def clauses(user):
    """Clauses with at least one version the user may read (a clause new in a draft in
    preparation would give its title away)."""
    return Clause.objects.visible_to(user)


def events(user):
    """Events about no draft, or about at least one draft the user may read: an event about a
    draft in preparation alone (its handover, say) would give the draft away."""
    if sees_unpublished(user):
        return Event.objects.all()
    about = Event.drafts.through.objects.filter(event=OuterRef("pk"))
    return Event.objects.filter(
        ~Exists(about) | Exists(about.filter(draft__in=drafts(user).values("pk")))
    )


def sources(user):
    """Sources cited by something the user may read."""
    if sees_unpublished(user):
        return Source.objects.all()
    through = (
        (ClauseVersion.sources.through, "clauseversion", versions(user)),
        (Draft.sources.through, "draft", drafts(user)),
        (Position.sources.through, "position", positions(user)),
        (Event.sources.through, "event", events(user)),
    )
    cited = Q()
    for model, name, shown in through:
        cited |= Q(
            Exists(
                model.objects.filter(source=OuterRef("pk"), **{f"{name}__in": shown.values("pk")})
            )
        )
    return Source.objects.filter(cited)
