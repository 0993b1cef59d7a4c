"""The API's response shapes: they are its OpenAPI schema and checked on every response."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

# One text for every "sequence": see DraftQuerySet.with_place.
PLACE = (
    "The draft's place in its plan's time line, 1 for the first, counting only the drafts "
    "you may read."
)


class Error(Schema):
    detail: str
    errors: list[dict] = Field(
        default_factory=list, description="For 400: one {field, message} per bad parameter."
    )


class Page(Schema):
    count: int
    next: str | None = Field(description="The next page's URL, or null on the last page.")
    previous: str | None


class PartyOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    description: str
    url: str
    html_url: str


class PartyPage(Page):
    results: list[PartyOut]


class SourceOut(Schema):
    id: int
    title: str
    publisher: str
    published_on: date | None
    date_note: str
    url: str = Field(description="The source's own address; empty for print or broadcast.")
    quote: str
    reliability: str
    reliability_note: str
    api_url: str


class SourcePage(Page):
    results: list[SourceOut]


class VersionRef(Schema):
    draft: str
    label: str
    url: str


class LinkRef(VersionRef):
    basis: str | None = Field(description="Stated by a source, or our editorial alignment.")


class ClauseVersionOut(Schema):
    draft: str
    label: str
    position: int
    clause: str
    clause_title: str
    topic: str
    heading: str
    text: str
    basis: str
    disputed: bool
    dispute_note: str
    derived_from: list[LinkRef]
    sources: list[SourceOut]
    url: str
    html_url: str


class PositionOut(Schema):
    id: int
    party: str
    stance: str
    summary: str
    stated_on: date | None = Field(description="The day; the first, when it spans days.")
    date_note: str = Field(description="How sure the date is, e.g. '23–24 Dec 2025'; may be empty.")
    speaker: str
    disputed: bool
    dispute_note: str
    plan: str
    draft: str
    label: str | None = Field(description="The clause label, or null for the draft as a whole.")
    sources: list[SourceOut]
    html_url: str


class PositionPage(Page):
    results: list[PositionOut]


class RevisionOut(Schema):
    number: int
    saved_at: datetime
    saved_by: str | None
    reason: str | None
    label: str
    heading: str
    text: str
    basis: str
    changed_text: bool = Field(description="False when this save left text/heading/label alone.")
    url: str
    html_url: str


class ClauseVersionDetail(ClauseVersionOut):
    positions: list[PositionOut]
    continued_in: list[LinkRef]
    revisions: list[RevisionOut]


class EventOut(Schema):
    plan: str
    slug: str
    kind: str
    title: str
    date: date
    end_date: date | None
    date_note: str
    place: str
    summary: str
    parties: list[str]
    drafts: list[str] = Field(description="The drafts it concerns (those you may read).")
    disputed: bool
    dispute_note: str
    sources: list[SourceOut]
    url: str
    html_url: str


class EventPage(Page):
    results: list[EventOut]


class PointCountOut(Schema):
    count: int | None
    as_reported: str
    reported_by: str
    disputed: bool


class DraftOut(Schema):
    plan: str
    slug: str
    title: str
    sequence: int = Field(description=PLACE)
    kind: str
    date: date | None
    date_note: str
    standing: str
    coverage: str
    summary: str
    authors: list[str]
    derived_from: list[str]
    clause_count: int = Field(description="Clause versions recorded for it.")
    reported_point_counts: list[PointCountOut]
    events: list[str]
    sources: list[SourceOut]
    url: str
    html_url: str


class DraftPage(Page):
    results: list[DraftOut]


class DraftDetail(DraftOut):
    clause_versions: list[ClauseVersionOut]
    positions: list[PositionOut]


class PlanOut(Schema):
    slug: str
    title: str
    summary: str
    url: str
    html_url: str


class PlanPage(Page):
    results: list[PlanOut]


class DraftRef(Schema):
    slug: str
    title: str
    sequence: int = Field(description=PLACE)
    url: str


class PlanDetail(PlanOut):
    drafts: list[DraftRef]
    links: dict[str, str] = Field(description="Related resources: clauses, lineage, exports, feed.")


class ClauseOut(Schema):
    plan: str
    slug: str
    title: str
    topic: str
    description: str
    versions: list[VersionRef]
    url: str
    html_url: str


class ClausePage(Page):
    results: list[ClauseOut]


class ClauseDetail(ClauseOut):
    versions: list[ClauseVersionOut]


class Operation(Schema):
    op: Literal["equal", "insert", "delete"]
    text: str


class DiffRow(Schema):
    status: str = Field(
        description="added, removed, not-reported, unknown, unchanged, changed, split, merged"
    )
    clause: str
    renumbered: bool
    moved: bool
    left: list[VersionRef]
    right: list[VersionRef]
    operations: list[Operation] = Field(
        description="Word operations turning the left text into the right one; "
        "equal+delete give the left text, equal+insert the right."
    )
    too_long: bool


class DraftDiff(Schema):
    plan: str
    left: str
    right: str
    counts: dict[str, int]
    rows: list[DiffRow]
    html_url: str


class RevisionDiff(Schema):
    draft: str
    label: str
    revision: int
    against: int | Literal["current"]
    operations: list[Operation]
    too_long: bool
    html_url: str


class Node(Schema):
    id: str = Field(description="<draft slug>/<label>")
    draft: str
    label: str
    clause: str
    heading: str
    basis: str
    sequence: int = Field(description=PLACE)
    url: str


class Edge(Schema):
    source: str
    target: str
    kind: Literal["same-clause", "split", "merge", "derived"]
    basis: str | None = Field(description="For split/merge links: stated by a source or editorial.")
    changed: bool | None = Field(description="For same-clause edges: whether the text changed.")


class Lineage(Schema):
    plan: str
    nodes: list[Node]
    edges: list[Edge]
