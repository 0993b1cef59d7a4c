"""Bulk writes: many new rows in a few queries, each with its history row and the history of its
tracked links, signed with the editor and the reason, as the row-by-row services sign them.

`drafts.draft_import` (every import of a draft) and `drafts.positions_record` (one stance on
many clauses) write with `bulk_create_tracked`."""

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from .. import caching
from ..models import Draft


def bulk_create_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    links: dict[str, Sequence[Iterable[int]]] | None = None,
    known_foreign_keys: Iterable[str] = (),
    drafts: Iterable[Draft] = (),
    user: AbstractBaseUser | None,
    reason: str,
) -> list[models.Model]:
    """Create `objs` with their history rows; `links` sets many-to-many fields on them
    ({field name: one list of target pks per obj}) and records those links in the same history
    row. Fields are validated as `tracked_save` validates them, except `known_foreign_keys`
    (instances the caller holds: no query per row to prove they exist). The reader-page cache
    versions of `drafts` (the drafts the rows show on, plans loaded) are bumped once, as a
    save of each row would (inside `caching.one_change()`, counted in its one bump).

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
            caching.changed(caching.scopes_for_drafts(drafts))
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
        caching.changed(caching.scopes_for_drafts(drafts))
    return created
