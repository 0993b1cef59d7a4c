"""What a write to the record changes: the scopes of each row, and the signals that bump them."""

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from ..models import (
    Clause,
    ClauseDerivation,
    ClauseVersion,
    Draft,
    Event,
    Party,
    Plan,
    Position,
    ReportedPointCount,
    SlugRedirect,
    Source,
)
from .numbers import ALL, SHARED, UNPUBLISHED, _batch, _batched, bump, plan_scope


def _plan_slug_of(instance) -> str | None:
    if isinstance(instance, Plan):
        return instance.slug
    if isinstance(instance, Draft | Clause | Event | SlugRedirect):
        return Plan.objects.filter(pk=instance.plan_id).values_list("slug", flat=True).first()
    if isinstance(instance, ClauseVersion | ReportedPointCount):
        draft_id = instance.draft_id
    elif isinstance(instance, Position):
        draft_id = instance.draft_id
        if draft_id is None and instance.clause_version_id is not None:
            draft_id = (
                ClauseVersion.objects.filter(pk=instance.clause_version_id)
                .values_list("draft_id", flat=True)
                .first()
            )
    elif isinstance(instance, ClauseDerivation):
        return _plan_slug_of(ClauseVersion(draft_id=_draft_of(instance.child_id)))
    else:
        return None
    return Draft.objects.filter(pk=draft_id).values_list("plan__slug", flat=True).first()


def _draft_of(version_id) -> int | None:
    return ClauseVersion.objects.filter(pk=version_id).values_list("draft_id", flat=True).first()


def _drafts_of(instance) -> set[int] | None:
    """The drafts a row shows on, or None for a row that is not part of one draft."""
    if isinstance(instance, ClauseVersion | ReportedPointCount):
        found = {instance.draft_id}
    elif isinstance(instance, Position):
        found = {instance.draft_id or _draft_of(instance.clause_version_id)}
    elif isinstance(instance, ClauseDerivation):
        found = {_draft_of(instance.child_id), _draft_of(instance.parent_id)}
    else:
        return None
    return found - {None}


def _only_editors_see(instance) -> bool:
    """Whether every reader page is blind to this write: a draft in preparation, or a row all
    of whose drafts are (where it is now and, for an edited row, where it was before). Any
    other row, and any row of which that is not certain, counts as seen by readers."""
    published = Draft.EditorialState.PUBLISHED
    if isinstance(instance, Draft):
        return instance.editorial_state != published
    if isinstance(instance, Clause):
        # A clause is public once one of its versions is in a published draft.
        versions = ClauseVersion.objects.filter(
            clause_id=instance.pk, draft__editorial_state=published
        )
        return not versions.exists()
    drafts = _drafts_of(instance)
    if not drafts:
        return False
    drafts |= getattr(instance, "_drafts_before", set())
    return not Draft.objects.filter(pk__in=drafts, editorial_state=published).exists()


def scopes_for_drafts(drafts: Iterable[Draft]) -> set[str]:
    """What a write to rows of these drafts (plans loaded) changes, for bulk writes, which send
    no signal: only the editors' version when every one of them is in preparation."""
    drafts = list(drafts)
    if not drafts:
        return {ALL, SHARED}
    if all(d.editorial_state != Draft.EditorialState.PUBLISHED for d in drafts):
        return {UNPUBLISHED}
    return {ALL, *(plan_scope(d.plan.slug) for d in drafts)}


def scopes_for(instance) -> set[str]:
    if isinstance(instance, Party | Source):
        return {ALL, SHARED}
    if _only_editors_see(instance):
        return {UNPUBLISHED}
    slug = _plan_slug_of(instance)
    return {ALL, plan_scope(slug)} if slug else {ALL, SHARED}


# Every model a reader page shows. A new one must be added here, or its edits stay unseen
# until something else in its plan changes (tests/test_caching.py checks the list).
RECORD_MODELS = (
    Party,
    Source,
    Plan,
    Draft,
    Clause,
    ClauseVersion,
    ClauseDerivation,
    Position,
    ReportedPointCount,
    Event,
    SlugRedirect,
)


@receiver(pre_save, sender=Plan)
def _remember_old_slug(sender, instance: Plan, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._slug_before = (
            Plan.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(pre_save, sender=ClauseVersion)
@receiver(pre_save, sender=Position)
@receiver(pre_save, sender=ReportedPointCount)
def _remember_old_drafts(sender, instance, raw=False, **kwargs):
    # A row moved out of a published draft changes that draft's pages, wherever it goes.
    if instance.pk and not raw and _batch.get() is None:
        before = sender.objects.filter(pk=instance.pk).first()
        instance._drafts_before = _drafts_of(before) if before else set()


def _changed(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, RECORD_MODELS) or _batched():
        return
    scopes = scopes_for(instance)
    before = getattr(instance, "_slug_before", None)
    if before:
        scopes.add(plan_scope(before))  # a renamed plan: its old URLs change too
    bump(scopes)


def _m2m_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_") or not isinstance(instance, models.Model) or _batched():
        return
    # Seen from the far side (a source's drafts), the plans touched are not at hand: bump the
    # scopes every page depends on.
    bump({ALL, SHARED} if reverse else scopes_for(instance))


for _model in RECORD_MODELS:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"record-version-save-{_model}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"record-version-del-{_model}")
for _field in (
    Draft.authors,
    Draft.derived_from,
    Draft.dropped_clauses,
    Draft.sources,
    ClauseVersion.derived_from,
    ClauseVersion.sources,
    Position.sources,
    ReportedPointCount.sources,
    Event.parties,
    Event.drafts,
    Event.sources,
):
    m2m_changed.connect(_m2m_changed, sender=_field.through, dispatch_uid=f"rv-m2m-{_field}")
