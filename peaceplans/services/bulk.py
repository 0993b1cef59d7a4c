"""Bulk writes: many new rows in a few queries, each with its history row and the history of its
tracked links, signed with the editor and the reason, as the row-by-row services sign them.

`draft_import_bulk` takes what `draft_import` takes and leaves the same record (one history row
per new row instead of a "created" row and then a "links set" row); `positions_record_bulk`
likewise for `positions_record`. For imports of hundreds of clauses (the paste import could
use it; the bench's generator does)."""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from .. import caching
from ..models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source
from ..parsing import ParsedClause
from .drafts import IMPORT_REASON, _unique_clause_slug, clause_title, new_imported_draft
from .editorial import CLAUSE_OF_ANOTHER_PLAN, check_derivation


def bulk_create_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    links: dict[str, Sequence[Iterable[int]]] | None = None,
    known_foreign_keys: Iterable[str] = (),
    plans: Iterable[Plan] = (),
    user: AbstractBaseUser | None,
    reason: str,
) -> list[models.Model]:
    """Create `objs` with their history rows; `links` sets many-to-many fields on them
    ({field name: one list of target pks per obj}) and records those links in the same history
    row. Fields are validated as `tracked_save` validates them, except `known_foreign_keys`
    (instances the caller holds: no query per row to prove they exist). The reader-page cache
    versions of `plans` (or the shared scope) are bumped once, as a save of each row would.

    No signals are sent (bulk_create sends none): the caller has checked the editorial rules."""
    objs = list(objs)
    links = links or {}
    if not objs:
        return objs
    exclude = list(known_foreign_keys)
    for obj in objs:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        if not links:
            created = bulk_create_with_history(
                objs, model, default_user=user, default_change_reason=reason
            )
            _bump(plans)
            return created
        created = model._default_manager.bulk_create(objs)
        if created[0].pk is None:  # a database that returns no ids from a bulk insert
            raise NotImplementedError("bulk links need the new rows' ids (SQLite, PostgreSQL)")
        through_rows: dict[str, list[list[models.Model]]] = {}
        for name, targets_per_obj in links.items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            per_obj = [
                [through(**{f"{source}_id": obj.pk, f"{target}_id": pk}) for pk in targets]
                for obj, targets in zip(created, targets_per_obj, strict=True)
            ]
            through.objects.bulk_create([row for rows in per_obj for row in rows])
            through_rows[name] = per_obj
        historical = model.history.bulk_history_create(
            created, default_user=user, default_change_reason=reason
        )
        for field in historical[0]._history_m2m_fields if historical else []:
            per_obj = through_rows.get(field.name)
            if not per_obj:
                continue
            m2m_history = HistoricalRecords.m2m_models[field]
            names = [f.attname for f in field.remote_field.through._meta.concrete_fields]
            m2m_history.objects.bulk_create(
                [
                    m2m_history(history=record, **{n: getattr(row, n) for n in names})
                    for record, rows in zip(historical, per_obj, strict=True)
                    for row in rows
                ]
            )
        _bump(plans)
    return created


def _bump(plans: Iterable[Plan]) -> None:
    slugs = {plan.slug for plan in plans}
    scopes = {caching.ALL, *(caching.plan_scope(s) for s in slugs)} if slugs else None
    caching.bump(scopes or {caching.ALL, caching.SHARED})


@transaction.atomic
def draft_import_bulk(
    *,
    plan: Plan,
    title: str,
    slug: str,
    clauses: list[ParsedClause],
    ancestors: list[ClauseVersion | None],
    merged: list[list[ClauseVersion]] | None = None,
    parent: Draft | None = None,
    user: AbstractBaseUser | None,
    basis: str = "reported",
    topic: str = "implementation",
    titles: list[str] | None = None,
    topics: list[str] | None = None,
    place_after: Draft | None = None,
    **draft_fields,
) -> Draft:
    """`draft_import` in a fixed number of queries per draft (not per clause): the same draft,
    clauses, versions and split/merge links, under the same rules, with history for each."""
    reason = IMPORT_REASON
    merged = merged or [[] for _ in clauses]
    titles = titles or [""] * len(clauses)
    topics = topics or [""] * len(clauses)
    draft = new_imported_draft(
        plan, title, slug, parent=parent, place_after=place_after, user=user, **draft_fields
    )

    # Every earlier version named, with its clause and draft, in one query (the checks need
    # their plans and places in the time line).
    named = {v.pk for v in ancestors if v is not None} | {v.pk for m in merged for v in m}
    known = {
        v.pk: v
        for v in ClauseVersion.objects.filter(pk__in=named).select_related("clause", "draft")
    }
    if len(known) != len(named):
        raise ValidationError({"clause": "An earlier clause version named does not exist."})

    used_clauses: set[int] = set()
    taken_slugs = set(plan.clauses.values_list("slug", flat=True))
    new_clauses: list[Clause] = []
    rows: list[tuple[ParsedClause, Clause, list[ClauseVersion]]] = []
    for parsed, ancestor, extra, wanted_title, wanted_topic in zip(
        clauses, ancestors, merged, titles, topics, strict=True
    ):
        ancestor = known[ancestor.pk] if ancestor is not None else None
        links = [known[v.pk] for v in extra]
        if ancestor is not None and ancestor.clause_id not in used_clauses:
            clause = ancestor.clause
            # As check_clause_version: a version belongs to a clause of its draft's plan.
            if clause.plan_id != plan.pk:
                raise ValidationError({"clause": CLAUSE_OF_ANOTHER_PLAN})
            used_clauses.add(clause.pk)
        else:
            if ancestor is not None:
                links.insert(0, ancestor)  # a split: new identity, derived from the ancestor
            clause = Clause(
                plan=plan,
                slug=_unique_clause_slug(
                    plan, parsed.heading or f"{slug}-{parsed.label}", taken_slugs
                ),
                title=(wanted_title.strip() or clause_title(parsed))[:200],
                topic=wanted_topic or (ancestor.clause.topic if ancestor else topic),
            )
            new_clauses.append(clause)
        rows.append((parsed, clause, links))
    bulk_create_tracked(
        Clause, new_clauses, known_foreign_keys=["plan"], plans=[plan], user=user, reason=reason
    )

    versions = []
    for position, (parsed, clause, links) in enumerate(rows, start=1):
        version = ClauseVersion(
            draft=draft,
            clause=clause,
            label=parsed.label,
            position=position,
            heading=parsed.heading[:200],
            text=parsed.text,
            basis=basis if parsed.text else "unknown",
        )
        # The draft is new and in preparation: no reason is needed (check_clause_version).
        for link in links:
            check_derivation(version, link)
        versions.append(version)
    bulk_create_tracked(
        ClauseVersion,
        versions,
        links={"derived_from": [[link.pk for link in links] for _, _, links in rows]},
        known_foreign_keys=["draft", "clause"],
        plans=[plan],
        user=user,
        reason=reason,
    )
    return draft


@transaction.atomic
def positions_record_bulk(
    *,
    versions: Iterable[ClauseVersion],
    party: Party,
    stance: str,
    summary: str,
    sources: Iterable[Source],
    user: AbstractBaseUser | None,
    stated_on=None,
    speaker: str = "",
    reason: str = "Recorded a stance on several clauses",
) -> list[Position]:
    """`positions_record` in a fixed number of queries: one party's stance on many clauses."""
    versions = list(versions)
    source_ids = [source.pk for source in sources]
    positions = [
        Position(
            party=party,
            clause_version=version,
            stance=stance,
            summary=summary,
            stated_on=stated_on,
            speaker=speaker,
        )
        for version in versions
    ]
    plans = Plan.objects.filter(drafts__in={v.draft_id for v in versions}).distinct()
    return bulk_create_tracked(
        Position,
        positions,
        links={"sources": [source_ids] * len(positions)},
        known_foreign_keys=["party", "clause_version"],
        plans=list(plans),
        user=user,
        reason=reason,
    )
