"""The editorial rules, in one place. Every writer calls these: admin forms, inlines and list
actions, the paste importer, the clone action, the demo loader and any later API.

- A draft is published by someone with the `publish_draft` permission, and never unpublished:
  readers may cite it. Its text then changes only by a correction with a reason.
- A clause version's text (see revisions.TEXT_FIELDS) or place (its draft or clause) in a
  published draft changes only with a reason; so does adding a clause to a published draft.
- A clause version belongs to a clause of its draft's plan.
- A derivation (split or merge) links a version to one in an earlier draft of the same plan, so
  lineage always runs forward in time and can never loop.
- A draft revises only earlier drafts of its own plan.
- Nothing cited is deleted: a cited source, a published draft or clause version, a draft that
  others revise. Every deletion is recorded with its reason.

Rules raise django.core.exceptions.ValidationError with field names, so forms show them beside
the field and other writers get the same message.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from ..models import Clause, ClauseVersion, Draft, Party, Source
from ..revisions import moved, text_changed
from .records import record_snapshot, tracked_delete, tracked_save, tracked_set_related

PUBLISH_PERMISSION = "peaceplans.publish_draft"
REASON_REQUIRED = (
    "This draft is published: say why it is corrected. The earlier text stays available at its "
    "revision link."
)


def _plan_id_of_clause(clause_id: int | None) -> int | None:
    if clause_id is None:
        return None
    return Clause.objects.filter(pk=clause_id).values_list("plan_id", flat=True).first()


# ------------------------------------------------------------------ clause versions


CLAUSE_OF_ANOTHER_PLAN = "This clause belongs to another plan; choose one of this plan's."


def clause_version_errors(
    version: ClauseVersion,
    *,
    draft: Draft | None,
    clause_plan_id: int | None,
    original: ClauseVersion | None,
    reason: str,
) -> dict[str, str]:
    """The rules on a clause version, on rows at hand: `draft` is its draft, `clause_plan_id`
    the plan of its clause (None when there is no such clause), `original` the row as stored
    (None when new). Returns the errors by field; empty when the change may be saved."""
    errors: dict[str, str] = {}
    if draft is not None and version.clause_id is not None and clause_plan_id != draft.plan_id:
        errors["clause"] = CLAUSE_OF_ANOTHER_PLAN
    published_before = original is not None and original.draft.is_published
    published_after = draft is not None and draft.is_published
    if original is None:
        needs_reason = published_after
    else:
        changed = text_changed(original, version) or moved(original, version)
        needs_reason = changed and (published_before or published_after)
    if needs_reason and not (reason or "").strip():
        errors["change_reason"] = REASON_REQUIRED
    return errors


def check_clause_version(
    version: ClauseVersion, *, original: ClauseVersion | None, reason: str
) -> None:
    """Refuse a change that breaks a rule. `original` is the row as stored (None when new)."""
    draft = Draft.objects.filter(pk=version.draft_id).first() if version.draft_id else None
    clause_plan_id = (
        _plan_id_of_clause(version.clause_id)
        if draft is not None and version.clause_id is not None
        else None
    )
    errors = clause_version_errors(
        version, draft=draft, clause_plan_id=clause_plan_id, original=original, reason=reason
    )
    if errors:
        raise ValidationError(errors)


def check_new_clause_versions(
    versions: Iterable[ClauseVersion], *, draft: Draft, reason: str
) -> None:
    """`check_clause_version` for new versions of `draft` whose clauses are at hand (an
    import): the same rules, without two queries a row."""
    for version in versions:
        errors = clause_version_errors(
            version,
            draft=draft,
            clause_plan_id=version.clause.plan_id,
            original=None,
            reason=reason,
        )
        if errors:
            raise ValidationError(errors)


def clause_version_save(
    version: ClauseVersion,
    *,
    user: AbstractBaseUser | None,
    reason: str,
    fallback_reason: str = "",
) -> None:
    """Save a new or changed clause version under the rules (a correction when published).

    `reason` is the editor's own; `fallback_reason` is recorded when none is needed or given."""
    original = ClauseVersion.objects.filter(pk=version.pk).first() if version.pk else None
    check_clause_version(version, original=original, reason=reason)
    tracked_save(version, user=user, reason=reason.strip() or fallback_reason)


def clause_version_correct(
    version: ClauseVersion, *, user: AbstractBaseUser | None, reason: str, **changes
) -> None:
    """Change some fields of a clause version; the old text stays at its revision permalink."""
    for name, value in changes.items():
        setattr(version, name, value)
    clause_version_save(version, user=user, reason=reason)


# ------------------------------------------------------------------ lineage


def check_derivation(child: ClauseVersion, parent: ClauseVersion) -> None:
    """A split/merge link runs from a version in an earlier draft of the same plan."""
    if parent.pk == child.pk:
        raise ValidationError({"parent": "A clause version cannot derive from itself."})
    child_draft, parent_draft = child.draft, parent.draft
    if parent_draft.plan_id != child_draft.plan_id:
        raise ValidationError({"parent": "Lineage stays within one plan."})
    if parent_draft.pk == child_draft.pk:
        raise ValidationError(
            {"parent": "Both versions are in the same draft; link to an earlier draft."}
        )
    if parent_draft.sequence >= child_draft.sequence:
        raise ValidationError(
            {"parent": f"“{parent_draft}” does not come before “{child_draft}” in the time line."}
        )


def derivations_set(
    child: ClauseVersion,
    parents: Iterable[ClauseVersion],
    *,
    user: AbstractBaseUser | None,
    reason: str,
) -> bool:
    """Replace a version's split/merge links after checking each; history records the set."""
    parents = list(parents)
    for parent in parents:
        check_derivation(child, parent)
    return tracked_set_related(child, "derived_from", parents, user=user, reason=reason)


def derivations_changed(child: ClauseVersion, *, user: AbstractBaseUser | None, reason: str):
    """Record the version's links after they were saved row by row (the admin's inline)."""
    record_snapshot(child, user=user, reason=reason)


def check_draft_parents(draft: Draft, parents: Iterable[Draft]) -> None:
    for parent in parents:
        if parent.plan_id != draft.plan_id:
            raise ValidationError({"derived_from": "A draft revises drafts of its own plan."})
        if parent.pk == draft.pk or (
            draft.sequence is not None and parent.sequence >= draft.sequence
        ):
            raise ValidationError(
                {"derived_from": f"“{parent}” does not come before this draft in the time line."}
            )


# ------------------------------------------------------------------ drafts


def check_draft(draft: Draft, *, original: Draft | None) -> None:
    if original is None:
        if draft.is_published:
            raise ValidationError(
                {"editorial_state": "A new draft starts in preparation; publish it afterwards."}
            )
        return
    if original.is_published and not draft.is_published:
        raise ValidationError(
            {"editorial_state": "A published draft stays published: readers may cite it."}
        )
    if original.editorial_state != draft.editorial_state:
        raise ValidationError({"editorial_state": "Publish drafts with the publish action."})
    if original.is_published and original.plan_id != draft.plan_id:
        raise ValidationError({"plan": "A published draft cannot move to another plan."})


def draft_save(draft: Draft, *, user: AbstractBaseUser | None, reason: str) -> None:
    """Save a draft's own fields; its editorial state changes only through drafts_publish."""
    original = Draft.objects.filter(pk=draft.pk).first() if draft.pk else None
    check_draft(draft, original=original)
    tracked_save(draft, user=user, reason=reason)


def can_publish(user) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def drafts_publish(
    drafts: Iterable[Draft], *, user: AbstractBaseUser | None, reason: str = "Published"
) -> list[Draft]:
    """Publish the drafts still in preparation, all or none; returns those it published."""
    if user is not None and not can_publish(user):
        raise PermissionDenied("Publishing needs the publish permission.")
    ids = [draft.pk for draft in drafts]
    published = []
    for draft in Draft.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if draft.is_published:
            continue
        draft.editorial_state = Draft.EditorialState.PUBLISHED
        tracked_save(draft, user=user, reason=reason)
        published.append(draft)
    return published


def would_read_as_dropped(draft: Draft) -> list[ClauseVersion]:
    """Clauses of the drafts it revises that this draft lacks: once it is published, readers
    see them as dropped when it claims to record every clause (as not reported otherwise)."""
    if draft.text_coverage != Draft.Coverage.COMPLETE:
        return []
    present = set(draft.clause_versions.values_list("clause_id", flat=True))
    linked = set(
        ClauseVersion.objects.filter(successors__draft=draft).values_list("clause_id", flat=True)
    )
    return list(
        ClauseVersion.objects.filter(draft__in=draft.derived_from.all())
        .exclude(clause_id__in=present | linked)
        .select_related("draft", "clause")
        .order_by("draft__sequence", "position")
    )


def draft_publish(draft: Draft, *, user: AbstractBaseUser | None, reason: str = "Published"):
    drafts_publish([draft], user=user, reason=reason)
    draft.refresh_from_db()


# ------------------------------------------------------------------ deletion


def delete_blockers(instance: models.Model) -> list[str]:
    """Why this row may not be deleted (empty: it may). Shown by the admin's delete page."""
    if isinstance(instance, Source):
        cited = [
            *(f"draft “{d}”" for d in instance.drafts.all()),
            *(f"clause version “{v}”" for v in instance.clause_versions.select_related("draft")),
            *(f"position “{p}”" for p in instance.positions.select_related("party")),
        ]
        return [f"This source is cited by {what}; remove it there first." for what in cited]
    if isinstance(instance, Draft):
        reasons = []
        if instance.is_published:
            reasons.append("This draft is published: readers may cite it.")
        for child in instance.revisions.all():
            reasons.append(f"“{child}” revises this draft; change that link first.")
        return reasons
    if isinstance(instance, ClauseVersion) and instance.draft.is_published:
        return ["This clause version is published: correct it instead."]
    if isinstance(instance, Clause):
        return [f"“{d}” records this clause as dropped." for d in instance.dropped_in.all()]
    if isinstance(instance, Party):
        return [f"“{d}” names this party as an author." for d in instance.authored_drafts.all()]
    return []


def delete(instance: models.Model, *, user: AbstractBaseUser | None, reason: str) -> None:
    blockers = delete_blockers(instance)
    if blockers:
        raise ValidationError(blockers)
    with transaction.atomic():
        if isinstance(instance, Draft):
            # A draft in preparation goes with everything in it, each row recorded.
            for position in instance.positions.all():
                tracked_delete(position, user=user, reason=reason)
            for version in instance.clause_versions.all():
                delete(version, user=user, reason=reason)
        if isinstance(instance, ClauseVersion):
            for position in instance.positions.all():
                tracked_delete(position, user=user, reason=reason)
            # Links from later versions to this one go first, each recorded on its child.
            for child in list(instance.successors.all()):
                remaining = [p for p in child.derived_from.all() if p.pk != instance.pk]
                tracked_set_related(child, "derived_from", remaining, user=user, reason=reason)
        tracked_delete(instance, user=user, reason=reason)
