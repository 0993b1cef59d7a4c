"""Writes to the record. Every write names who made it and why, so history is complete.

Never use queryset.update() or bulk_* on tracked models: they bypass simple-history.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models


def _sign(instance: models.Model, *, user: AbstractBaseUser | None, reason: str) -> None:
    # simple-history reads these two attributes when it writes the historical row.
    instance._change_reason = reason
    if user is not None:
        instance._history_user = user


def tracked_save(
    instance: models.Model, *, user: AbstractBaseUser | None = None, reason: str
) -> None:
    _sign(instance, user=user, reason=reason)
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()


def tracked_set_related(
    instance: models.Model,
    field_name: str,
    targets: Iterable[models.Model],
    *,
    user: AbstractBaseUser | None = None,
    reason: str,
) -> bool:
    """Set a many-to-many field; writes (and records history) only if the set changes."""
    manager = getattr(instance, field_name)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    _sign(instance, user=user, reason=reason)
    manager.set(wanted)
    return True


def upsert(
    model: type[models.Model],
    *,
    lookup: dict,
    values: dict,
    user: AbstractBaseUser | None = None,
    reason: str,
) -> tuple[models.Model, bool]:
    """Create the row, or update only the fields that differ; an unchanged row is not saved."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        tracked_save(instance, user=user, reason=reason)
        return instance, True
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not changed:
        return instance, False
    for name, value in changed.items():
        setattr(instance, name, value)
    tracked_save(instance, user=user, reason=reason)
    return instance, True
