"""Tracked writes: every write names who made it and why, so history is complete.

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


def tracked_delete(
    instance: models.Model, *, user: AbstractBaseUser | None = None, reason: str
) -> None:
    """Delete one row; its history keeps a final '-' record with the editor and the reason."""
    _sign(instance, user=user, reason=reason)
    instance.delete()


def record_snapshot(
    instance: models.Model, *, user: AbstractBaseUser | None = None, reason: str
) -> None:
    """Write a history row for the record as it now is (e.g. after its links changed)."""
    _sign(instance, user=user, reason=reason)
    instance.save()


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


class ConflictError(Exception):
    """Someone else saved the record after this editor opened it."""

    def __init__(self, latest):
        super().__init__("changed by someone else")
        self.latest = latest  # the historical record now current


def latest_revision_id(instance: models.Model) -> int | None:
    return (
        instance.history.order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


class UnknownRevisionError(Exception):
    """A change to an existing record that does not say which revision the editor started from."""


def assert_unchanged_since(instance: models.Model, seen_revision: int | None) -> None:
    """Lock the row, then check no revision was saved after `seen_revision`.

    Call inside the transaction that saves: the row lock makes a concurrent save of the same
    record wait, and then see the revision this one writes. Without `seen_revision` nothing
    proves the editor saw the latest text, so the change is refused."""
    if seen_revision is None:
        raise UnknownRevisionError
    type(instance).objects.select_for_update().filter(pk=instance.pk).first()
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is not None and latest.history_id != seen_revision:
        raise ConflictError(latest)
