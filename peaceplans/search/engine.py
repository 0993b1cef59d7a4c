"""Full-text search over the record, grouped by clause.

Searched: clauses (title), clause versions (heading and text), positions (summary), drafts (title
and summary), sources (title) and events (title and summary); scope.py says which rows a user
and the filters let a search match. Hits on a clause's title, on one of its versions, or on a
position about one, are grouped under the clause; hits on a draft or a position about a whole
draft under that draft; a source or an event is its own group. Groups are ranked by their best
hit and paginated.

PostgreSQL: the stored, GIN-indexed `search_vector` columns of migration 0006, `websearch` query
syntax ("quoted phrases", -not, or), English stemming, `ts_rank` and `ts_headline` (with marker
characters we re-escape: see highlight.py).
SQLite: every word (or "quoted phrase") must occur in one of the fields (icontains, ASCII-only
case folding), -word excludes; ranked by the number of occurrences, headings counting double.

Fixed cost: six queries find the matches (ids and ranks only), six more load the page's hits.
"""

import math
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Expression, Q, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.safestring import SafeString

from ..models import Clause, ClauseVersion, Draft, Event, Position, Source
from .highlight import GAP, SNIPPET_CHARS, START, STOP, mark_terms, render
from .scope import KINDS, Filters

CONFIG = "english"
GROUPS_PER_PAGE = 20
HITS_PER_GROUP = 12


@dataclass
class Hit:
    kind: str  # "clause", "position", "draft", "source"
    title: str
    url: str
    snippet: SafeString
    heading: SafeString | None = None
    meta: str = ""
    rank: float = 0.0
    order: tuple = ()


@dataclass
class Group:
    kind: str  # "clause", "draft", "source", "event"
    title: str
    url: str
    context: str  # the plan, or the publisher
    rank: float
    hits: list[Hit] = field(default_factory=list)
    more: int = 0  # hits not shown


@dataclass
class Results:
    query: str
    groups: list[Group]
    page: Page
    total_groups: int
    total_hits: int
    backend: str  # "postgresql" or "fallback"


class StoredVector(Expression):
    """The generated `search_vector` column of the queryset's own table (migration 0006)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name(alias)}.search_vector", []


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# ------------------------------------------------------------------ the fallback's query language

_TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def parse_terms(text: str) -> tuple[list[str], list[str]]:
    """Words and "quoted phrases" to find, and -excluded ones; 'or' is ignored (the fallback
    requires every term)."""
    include, exclude = [], []
    for match in _TERM.finditer(text):
        negative = match.group(1) or match.group(3)
        term = (match.group(2) if match.group(2) is not None else match.group(4)).strip()
        if match.group(4) is not None:
            term = term.strip(".,;:!?()[]{}'")
        if not term or term.lower() == "or":
            continue
        (exclude if negative else include).append(term)
    return include, exclude


def _fallback_filter(fields: dict[str, int], include: list[str], exclude: list[str]) -> Q:
    condition = Q()
    for term in include:
        anywhere = Q()
        for name in fields:
            anywhere |= Q(**{f"{name}__icontains": term})
        condition &= anywhere
    for term in exclude:
        for name in fields:
            condition &= ~Q(**{f"{name}__icontains": term})
    return condition


def _fallback_rank(row: dict, fields: dict[str, int], include: list[str]) -> float:
    score = 0.0
    for name, weight in fields.items():
        value = (row.get(name) or "").lower()
        score += weight * sum(value.count(term.lower()) for term in include)
    return score / (1 + math.log1p(sum(len(row.get(name) or "") for name in fields)))


# ------------------------------------------------------------------ search


def search(text: str, filters: Filters, *, user, page: int | str = 1) -> Results:
    text = text.strip()
    postgres = uses_postgres()
    include, exclude = parse_terms(text)
    query = SearchQuery(text, search_type="websearch", config=CONFIG) if postgres else None

    matches: dict[str, list[dict]] = {}
    for kind, (rows, fields, group_fields) in KINDS.items():
        qs = rows(filters, user)
        if postgres:
            qs = qs.alias(vector=StoredVector()).filter(vector=query)
            qs = qs.annotate(rank=SearchRank(StoredVector(), query))
            matches[kind] = list(qs.values("pk", "rank", *group_fields))
        elif include:
            qs = qs.filter(_fallback_filter(fields, include, exclude))
            found = list(qs.values("pk", *fields, *group_fields))
            for row in found:
                row["rank"] = _fallback_rank(row, fields, include)
            matches[kind] = found
        else:
            matches[kind] = []

    groups: dict[tuple, dict] = {}
    for kind, found in matches.items():
        for row in found:
            key = _group_key(kind, row)
            entry = groups.setdefault(key, {"rank": 0.0, "hits": []})
            entry["rank"] = max(entry["rank"], row["rank"])
            entry["hits"].append((kind, row))
    ordered = sorted(groups, key=lambda key: (-groups[key]["rank"], key))
    paginator = Paginator(ordered, GROUPS_PER_PAGE)
    current = paginator.get_page(page)

    shown: dict[str, set[int]] = {kind: set() for kind in KINDS}
    more: dict[tuple, int] = {}
    for key in current.object_list:
        hits = sorted(groups[key]["hits"], key=lambda hit: _hit_order(*hit))
        more[key] = max(0, len(hits) - HITS_PER_GROUP)
        for kind, row in hits[:HITS_PER_GROUP]:
            shown[kind].add(row["pk"])
    loaded, headers = _load(shown, query, include)

    result_groups = []
    for key in current.object_list:
        entry = groups[key]
        hits = [
            loaded[(kind, row["pk"])]
            for kind, row in sorted(entry["hits"], key=lambda hit: _hit_order(*hit))
            if (kind, row["pk"]) in loaded
        ]
        if not hits:
            continue
        title, url, context = headers[key]
        result_groups.append(Group(key[0], title, url, context, entry["rank"], hits, more[key]))
    return Results(
        query=text,
        groups=result_groups,
        page=current,
        total_groups=len(ordered),
        total_hits=sum(len(found) for found in matches.values()),
        backend="postgresql" if postgres else "fallback",
    )


def _group_key(kind: str, row: dict) -> tuple:
    if kind == "clause_title":
        return ("clause", row["pk"])
    if kind == "clause":
        return ("clause", row["clause_id"])
    if kind == "position":
        if row["clause_version__clause_id"] is not None:
            return ("clause", row["clause_version__clause_id"])
        return ("draft", row["draft_id"])
    return (kind, row["pk"])


def _hit_order(kind: str, row: dict) -> tuple:
    sequence = row.get("draft__sequence") or row.get("clause_version__draft__sequence") or 0
    # The clause's own title first, then draft by draft: the text, then what was said of it.
    return (kind != "clause_title", sequence, kind != "clause", kind != "draft", row["pk"])


# ------------------------------------------------------------------ loading the page's hits


def _headline(name: str, query, *, whole: bool) -> SearchHeadline:
    options = {"config": CONFIG, "start_sel": START, "stop_sel": STOP}
    if whole:
        options["highlight_all"] = True
    else:
        options.update(max_fragments=2, max_words=30, min_words=12, fragment_delimiter=GAP)
    return SearchHeadline(name, query, **options)


def _marked(obj, name: str, query, include: list[str], *, whole: bool) -> SafeString:
    if query is not None:
        return render(getattr(obj, f"{name}_marked") or "")
    return render(mark_terms(getattr(obj, name) or "", include, snippet=not whole))


def _with_headlines(qs, query, fields: dict[str, bool]):
    """On PostgreSQL, `<field>_marked`: the whole field marked when it is short (or `whole`),
    else its best fragments."""
    if query is None:
        return qs
    marked = {}
    for name, whole in fields.items():
        marked[f"{name}_marked"] = (
            _headline(name, query, whole=True)
            if whole
            else Case(
                When(
                    LessThanOrEqual(Length(name), SNIPPET_CHARS),
                    then=_headline(name, query, whole=True),
                ),
                default=_headline(name, query, whole=False),
            )
        )
    return qs.annotate(**marked)


def _clause_header(version: ClauseVersion) -> tuple[str, str, str]:
    plan = version.draft.plan
    url = reverse("clause", kwargs={"plan": plan.slug, "clause": version.clause.slug})
    return version.clause.title, url, plan.title


def _load(shown: dict[str, set[int]], query, include: list[str]) -> tuple[dict, dict]:
    """The page's hits by (kind, pk), and each group's (title, url, context) by group key."""
    hits: dict[tuple, Hit] = {}
    headers: dict[tuple, tuple[str, str, str]] = {}
    if shown["clause_title"]:
        clauses = _with_headlines(
            Clause.objects.filter(pk__in=shown["clause_title"]).select_related("plan"),
            query,
            {"title": True},
        )
        for c in clauses:
            url = reverse("clause", kwargs={"plan": c.plan.slug, "clause": c.slug})
            hits[("clause_title", c.pk)] = Hit(
                kind="clause_title",
                title="The clause's title",  # the group's heading links to the clause
                heading=_marked(c, "title", query, include, whole=True),
                url=url,
                snippet=render(""),
                meta=c.get_topic_display(),
            )
            headers[("clause", c.pk)] = (c.title, url, c.plan.title)
    if shown["clause"]:
        versions = _with_headlines(
            ClauseVersion.objects.filter(pk__in=shown["clause"]).select_related(
                "draft__plan", "clause"
            ),
            query,
            {"heading": True, "text": False},
        )
        for v in versions:
            hits[("clause", v.pk)] = Hit(
                kind="clause",
                title=f"{v.draft.title} §{v.label}",
                url=v.get_absolute_url(),
                heading=_marked(v, "heading", query, include, whole=True) if v.heading else None,
                snippet=_marked(v, "text", query, include, whole=False),
                meta=v.get_basis_display(),
            )
            headers[("clause", v.clause_id)] = _clause_header(v)
    if shown["position"]:
        positions = _with_headlines(
            Position.objects.filter(pk__in=shown["position"]).select_related(
                "party", "draft__plan", "clause_version__draft__plan", "clause_version__clause"
            ),
            query,
            {"summary": False},
        )
        for p in positions:
            target = p.clause_version or p.draft
            where = (
                f"on {p.clause_version.draft.title} §{p.clause_version.label}"
                if p.clause_version
                else f"on {p.draft.title} as a whole"
            )
            hits[("position", p.pk)] = Hit(
                kind="position",
                title=f"{p.party.name}: {p.get_stance_display()}",
                url=target.get_absolute_url(),
                snippet=_marked(p, "summary", query, include, whole=False),
                meta=" · ".join(
                    part for part in (where, p.stated_on.isoformat() if p.stated_on else "") if part
                ),
            )
            if p.clause_version:
                headers[("clause", p.clause_version.clause_id)] = _clause_header(p.clause_version)
            else:
                headers[("draft", p.draft_id)] = (
                    p.draft.title,
                    p.draft.get_absolute_url(),
                    p.draft.plan.title,
                )
    if shown["draft"]:
        drafts = _with_headlines(
            Draft.objects.filter(pk__in=shown["draft"]).select_related("plan"),
            query,
            {"title": True, "summary": False},
        )
        for d in drafts:
            hits[("draft", d.pk)] = Hit(
                kind="draft",
                title=d.title,
                heading=_marked(d, "title", query, include, whole=True),
                url=d.get_absolute_url(),
                snippet=_marked(d, "summary", query, include, whole=False),
                meta=d.plan.title,
            )
            headers[("draft", d.pk)] = (d.title, d.get_absolute_url(), d.plan.title)
    if shown["source"]:
        sources = _with_headlines(
            Source.objects.filter(pk__in=shown["source"]), query, {"title": True}
        )
        for s in sources:
            hits[("source", s.pk)] = Hit(
                kind="source",
                title=s.title,
                heading=_marked(s, "title", query, include, whole=True),
                url=s.url,
                snippet=render(""),
                meta=" · ".join(
                    part
                    for part in (s.publisher, s.published_on.isoformat() if s.published_on else "")
                    if part
                ),
            )
            headers[("source", s.pk)] = (s.title, s.url, s.publisher)
    if shown["event"]:
        events = _with_headlines(
            Event.objects.filter(pk__in=shown["event"]).select_related("plan"),
            query,
            {"title": True, "summary": False},
        )
        for e in events:
            hits[("event", e.pk)] = Hit(
                kind="event",
                title=f"{e.get_kind_display()}, {e.date:%-d %b %Y}",
                heading=_marked(e, "title", query, include, whole=True),
                url=e.get_absolute_url(),
                snippet=_marked(e, "summary", query, include, whole=False),
                meta=e.place,
            )
            headers[("event", e.pk)] = (e.title, e.get_absolute_url(), e.plan.title)
    return hits, headers


def search_url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("search") + "?" + urlencode({k: v for k, v in params.items() if v})
