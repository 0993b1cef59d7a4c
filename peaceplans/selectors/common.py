"""What the page reads share: prefetches, the plan and draft lookups, the pager."""

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import CharField, F, Model, Prefetch, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, reverse

from ..models import (
    Draft,
    LinkBasis,
    Plan,
    Position,
    Source,
    sees_unpublished,
)

# ------------------------------------------------------------------ reads compiled once

_markers = itertools.count(1)


def _marker(value):
    """A stand-in for a parameter while a read is compiled: unique, of the value's type, and
    not a value a page would ask for (see PreparedRead)."""
    n = next(_markers)
    # In the range of a 32-bit integer column: the ORM drops a condition on a value outside a
    # field's range as always false (or true), and the stand-in would vanish.
    return -(2**31) + n if isinstance(value, int) else f"\x00prepared-{n}\x00"


def _is_parameter(value) -> bool:
    # The PostgreSQL backend hands ints over as psycopg's Int4/Int8 (subclasses of int).
    return isinstance(value, (int, str)) and not isinstance(value, bool)


class PreparedRead:
    """A values_list() read that the ORM builds and compiles to SQL once per process (per
    database and shape), then runs with new values. On the draft and clause-version pages the
    ORM's building and compiling (joins, ordering, WHERE trees) cost several times more CPU
    than PostgreSQL's running the query; the SQL itself is the same as the ORM's.

    `build(**values)` returns the queryset. Ints and strings among the values are parameters:
    the read is compiled with unique stand-ins of the same type in their place, and each
    stand-in found in the compiled parameters is swapped for the value on every run. Lists and
    tuples of ints or strings are parameters too, one per item (each length compiles once).
    Anything else (a bool, None) is part of the shape: another value, another compilation.
    `viewer` is passed to `build` as it is, and only whether it sees unpublished drafts is part
    of the shape (the one thing `visible_to` asks of it). Use only exact, comparison and `__in`
    lookups on parameters: one that rewrites its value (`contains`, `iexact`) would hide the
    stand-in, and a stand-in that does not reach the compiled parameters is refused."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._model: type[Model] | None = None
        self._compiled: dict[tuple, tuple] = {}

    def _shape(self, values: dict) -> tuple:
        def one(value):
            if _is_parameter(value):
                return type(value)
            if isinstance(value, (list, tuple)) and all(_is_parameter(v) for v in value):
                return (tuple(type(v) for v in value),)
            return ("as is", value)

        return tuple(
            (name, sees_unpublished(value) if name == "viewer" else one(value))
            for name, value in sorted(values.items())
        )

    def _compile(self, using: str, values: dict):
        stand_ins, slots = {}, {}
        for name, value in values.items():
            if _is_parameter(value):
                stand_ins[name] = _marker(value)
                slots[stand_ins[name]] = (name, None)
            elif isinstance(value, (list, tuple)) and all(_is_parameter(v) for v in value):
                stand_ins[name] = [_marker(v) for v in value]
                slots.update({m: (name, i) for i, m in enumerate(stand_ins[name])})
            else:
                stand_ins[name] = value  # the viewer, a bool, None: as it is
        compiler = self.build(**stand_ins).query.get_compiler(using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        where = [slots.get(p) if _is_parameter(p) else None for p in params]
        if {slot for slot in where if slot} != set(slots.values()):
            # A stand-in written into the SQL itself (a slice's LIMIT) or rewritten by a lookup
            # could not be swapped: refuse rather than run the stand-in.
            raise ValueError(f"{self.build.__qualname__}: a parameter is not a plain SQL one")
        return compiler, sql, tuple(params), where

    def __call__(self, **values) -> list[tuple]:
        if self._model is None:  # built, not run: the model the router is asked about
            self._model = self.build(**values).model
        # The database a read of that model goes to (a replica, or the primary for a writer).
        using = router.db_for_read(self._model)
        key = (using, connections[using].vendor, self._shape(values))
        if key not in self._compiled:
            self._compiled[key] = self._compile(using, values)
        compiled = self._compiled[key]
        if compiled is None:  # e.g. `id__in=[]`: nothing to ask the database
            return []
        compiler, sql, constants, where = compiled
        params = []
        for constant, slot in zip(constants, where, strict=True):
            if slot is None:
                params.append(constant)
            else:
                name, item = slot
                value = values[name] if item is None else values[name][item]
                params.append(type(constant)(value))  # as the backend typed it (Int4)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = [row[: compiler.col_count] for row in cursor.fetchall()]
        return list(compiler.results_iter(results=[rows], tuple_expected=True))


def fields_of(model: type[Model], prefix: str = "") -> list[str]:
    """Every column of a model, to read a whole row with values_list (through `prefix`)."""
    return [prefix + f.attname for f in model._meta.concrete_fields]


def from_row(model: type[Model], row, using: str | None = None):
    """A model instance from the columns fields_of(model) read, as the ORM itself makes one
    (marked as read from the database the router picks for this request, as the read was)."""
    names = [f.attname for f in model._meta.concrete_fields]
    return model.from_db(using or router.db_for_read(model), names, row)


# ------------------------------------------------------------------ shared pieces

_sources = Prefetch("sources", queryset=Source.objects.order_by("reliability", "title"))
_positions_with_sources = Prefetch(
    "positions",
    queryset=Position.objects.select_related("party").prefetch_related(_sources),
)


def sources_of(**owners: tuple[str, dict]) -> QuerySet:
    """The sources of several kinds of record at once, most reliable first: one UNION ALL query
    instead of a prefetch per kind (each prefetch is a query compiled and sent on its own).

    Each keyword names a kind and gives the relation from Source to it and the filter on it,
    e.g. `version=("clause_versions", {"id__in": ids})`. Rows: kind, owner id, the source's
    columns (fields_of(Source)); group_sources() sorts them out."""
    parts = [
        Source.objects.filter(**{f"{relation}__{lookup}": value for lookup, value in where.items()})
        .order_by()
        .annotate(owner_kind=Value(kind, output_field=CharField()), owner_id=F(f"{relation}__id"))
        .values_list("owner_kind", "owner_id", *fields_of(Source))
        for kind, (relation, where) in owners.items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("reliability", "title", "id")


def group_sources(rows, *kinds: str) -> dict[str, dict[int, list[Source]]]:
    found: dict[str, dict[int, list[Source]]] = {kind: {} for kind in kinds}
    for kind, owner, *source in rows:
        found[kind].setdefault(owner, []).append(from_row(Source, source))
    return found


def latest_stance_by_party(positions) -> list[Position]:
    """Each party's most recent position, in party-name order."""
    latest: dict[int, Position] = {}
    for position in sorted(positions, key=lambda p: (p.stated_on is not None, p.stated_on, p.pk)):
        latest[position.party_id] = position
    return sorted(latest.values(), key=lambda p: p.party.name)


@dataclass
class LineageLink:
    """A lineage link as a page shows it: where the other version is, and on what basis."""

    url: str
    title: str  # "<draft title> §<label>"
    basis: str
    basis_label: str  # lower case, to follow "(" in a sentence
    note: str


_URL_SAFE = re.compile(r"[0-9A-Za-z._-]+")  # slugs and labels: nothing reverse() would quote


class Reverser:
    """reverse(name, kwargs=...) for many values at the cost of about one: the URL is reversed
    once (per script prefix and set of argument names) with stand-ins, which are then swapped
    for each call's values. Only for values reverse() would write as they are (slugs, clause
    labels); any other value is reversed in full. A page of 100 clauses makes 200 links."""

    def __init__(self, name: str):
        self.name = name
        self._patterns: dict[tuple, str] = {}

    def __call__(self, **kwargs: str) -> str:
        if not all(_URL_SAFE.fullmatch(value) for value in kwargs.values()):
            return reverse(self.name, kwargs=kwargs)
        key = (get_script_prefix(), *sorted(kwargs))
        pattern = self._patterns.get(key)
        if pattern is None:
            stand_ins = {name: f"Zq9Stand{n}q9Z" for n, name in enumerate(sorted(kwargs))}
            pattern = reverse(self.name, kwargs=stand_ins).replace("{", "{{").replace("}", "}}")
            for name, stand_in in stand_ins.items():
                pattern = pattern.replace(stand_in, "{" + name + "}")
            self._patterns[key] = pattern
        return pattern.format(**kwargs)


clause_version_url = Reverser("clause_version")


def lineage_link(plan: str, draft: str, label: str, title: str, basis: str, note: str):
    url = clause_version_url(plan=plan, draft=draft, label=label)
    return LineageLink(url, f"{title} §{label}", basis, LinkBasis(basis).label.lower(), note)


def _plan(slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def _draft(plan_slug: str, draft_slug: str, viewer) -> Draft:
    return get_object_or_404(
        Draft.objects.visible_to(viewer).select_related("plan"),
        plan__slug=plan_slug,
        slug=draft_slug,
    )


@dataclass
class Pager:
    """Which slice of a long list a page shows (numbers from 1)."""

    number: int
    count: int  # pages
    total: int  # entries over all pages

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def pager(total: int, number: int, per_page: int) -> tuple[Pager, slice]:
    """The pager and the slice for page `number`; 404 past the last page."""
    count = max(1, -(-total // per_page))
    if not 1 <= number <= count:
        raise Http404("No such page")
    start = (number - 1) * per_page
    return Pager(number, count, total), slice(start, start + per_page)
