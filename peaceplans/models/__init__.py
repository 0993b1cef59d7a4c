"""The record: plans, their drafts, the clauses that live on across drafts, and who said what.

A Clause is the identity of a provision across drafts ("Ukraine's army size"); a ClauseVersion is
that clause as it stands in one draft. Ordinary lineage is the shared Clause. Where a clause was
split or merged, ClauseVersion.derived_from links a version to the version(s) it came from in an
earlier draft (a split: two new versions derived from one old; a merge: one from two).

One module per part of the record; import the models from here.
"""

from .clauses import (
    Basis,
    Clause,
    ClauseDerivation,
    ClauseQuerySet,
    ClauseVersion,
    ClauseVersionQuerySet,
    LinkBasis,
    Topic,
)
from .common import LABEL_PATTERN, SLUG_HELP, VIEW_UNPUBLISHED, history, sees_unpublished
from .events import Event
from .parties import Party, Reliability, Source
from .plans import Draft, DraftQuerySet, Plan, ReportedPointCount, place_in_time_line
from .positions import Position, PositionQuerySet, Stance
from .site import RecordVersion, SlugRedirect

__all__ = [
    "LABEL_PATTERN",
    "SLUG_HELP",
    "VIEW_UNPUBLISHED",
    "Basis",
    "Clause",
    "ClauseDerivation",
    "ClauseQuerySet",
    "ClauseVersion",
    "ClauseVersionQuerySet",
    "Draft",
    "DraftQuerySet",
    "Event",
    "LinkBasis",
    "Party",
    "Plan",
    "Position",
    "PositionQuerySet",
    "RecordVersion",
    "Reliability",
    "ReportedPointCount",
    "SlugRedirect",
    "Source",
    "Stance",
    "Topic",
    "history",
    "place_in_time_line",
    "sees_unpublished",
]
