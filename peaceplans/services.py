"""Writes to the record. Every write names who made it and why, so history is complete.

Never use queryset.update() or bulk_* on tracked models: they bypass simple-history.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils.text import slugify

from .models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source
from .parsing import ParsedClause


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


# ------------------------------------------------------------------ editorial workflow


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


def assert_unchanged_since(instance: models.Model, seen_revision: int | None) -> None:
    """Lock the row, then check no revision was saved after `seen_revision`.

    Call inside the transaction that saves: the row lock makes a concurrent save of the same
    record wait, and then see the revision this one writes."""
    type(instance).objects.select_for_update().filter(pk=instance.pk).first()
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is not None and seen_revision is not None and latest.history_id != seen_revision:
        raise ConflictError(latest)


class FrozenError(Exception):
    """A published draft's text changes only through a correction with a reason."""


def draft_publish(draft: Draft, *, user: AbstractBaseUser | None, reason: str = "Published"):
    if draft.editorial_state != Draft.EditorialState.PUBLISHED:
        draft.editorial_state = Draft.EditorialState.PUBLISHED
        tracked_save(draft, user=user, reason=reason)


def clause_version_correct(
    version: ClauseVersion, *, user: AbstractBaseUser | None, reason: str, **changes
) -> None:
    """Change a clause version; in a published draft this is a correction and needs a reason.

    The old text stays reachable at its revision permalink (simple-history keeps it)."""
    if version.draft.is_published and not reason.strip():
        raise FrozenError("Give a reason for correcting a published draft.")
    for name, value in changes.items():
        setattr(version, name, value)
    tracked_save(version, user=user, reason=reason)


def _unique_clause_slug(plan: Plan, wanted: str, taken: set[str]) -> str:
    base = slugify(wanted)[:40].strip("-") or "clause"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def draft_import(
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
    **draft_fields,
) -> Draft:
    """Create a draft (in preparation) from parsed clauses, linked to their ancestors.

    A clause whose ancestor is taken by an earlier clause of this draft is a split: it gets a
    new Clause identity and a derived_from link. `merged` adds further parents (merges)."""
    reason = "Imported from pasted text"
    merged = merged or [[] for _ in clauses]
    sequence = (plan.drafts.aggregate(models.Max("sequence"))["sequence__max"] or 0) + 1
    draft = Draft(plan=plan, title=title, slug=slug, sequence=sequence, **draft_fields)
    draft.editorial_state = Draft.EditorialState.IN_PREPARATION
    tracked_save(draft, user=user, reason=reason)
    if parent is not None:
        tracked_set_related(draft, "derived_from", [parent], user=user, reason=reason)

    used_clauses: set[int] = set()
    taken_slugs = set(plan.clauses.values_list("slug", flat=True))
    for position, (parsed, ancestor, extra) in enumerate(
        zip(clauses, ancestors, merged, strict=True), start=1
    ):
        links = list(extra)
        if ancestor is not None and ancestor.clause_id not in used_clauses:
            clause = ancestor.clause
        else:
            if ancestor is not None:
                links.insert(0, ancestor)  # a split: new identity, derived from the ancestor
            clause = Clause(
                plan=plan,
                slug=_unique_clause_slug(
                    plan, parsed.heading or f"{slug}-{parsed.label}", taken_slugs
                ),
                title=(parsed.heading or parsed.text[:80] or f"Clause {parsed.label}")[:200],
                topic=ancestor.clause.topic if ancestor else topic,
            )
            tracked_save(clause, user=user, reason=reason)
        used_clauses.add(clause.pk)
        version = ClauseVersion(
            draft=draft,
            clause=clause,
            label=parsed.label,
            position=position,
            heading=parsed.heading[:200],
            text=parsed.text,
            basis=basis if parsed.text else "unknown",
        )
        tracked_save(version, user=user, reason=reason)
        if links:
            version._change_reason = reason
            if user is not None:
                version._history_user = user
            version.derived_from.add(*links)
    return draft


@transaction.atomic
def draft_clone(draft: Draft, *, user: AbstractBaseUser | None) -> Draft:
    """A new draft in preparation with the same clauses, linked to the same Clause identities."""
    reason = f"Cloned from {draft.title}"
    plan = draft.plan
    sequence = (plan.drafts.aggregate(models.Max("sequence"))["sequence__max"] or 0) + 1
    slugs = set(plan.drafts.values_list("slug", flat=True))
    slug, n = f"{draft.slug}-copy", 2
    while slug in slugs:
        slug, n = f"{draft.slug}-copy-{n}", n + 1
    copy = Draft(
        plan=plan,
        slug=slug,
        title=f"{draft.title} (copy)"[:200],
        sequence=sequence,
        date=draft.date,
        standing=draft.standing,
        text_coverage=draft.text_coverage,
        summary=draft.summary,
    )
    tracked_save(copy, user=user, reason=reason)
    tracked_set_related(copy, "derived_from", [draft], user=user, reason=reason)
    tracked_set_related(copy, "authors", draft.authors.all(), user=user, reason=reason)
    for version in draft.clause_versions.prefetch_related("sources").order_by("position"):
        clone = ClauseVersion(
            draft=copy,
            clause_id=version.clause_id,
            label=version.label,
            position=version.position,
            heading=version.heading,
            text=version.text,
            basis=version.basis,
            disputed=version.disputed,
            dispute_note=version.dispute_note,
        )
        tracked_save(clone, user=user, reason=reason)
        tracked_set_related(clone, "sources", version.sources.all(), user=user, reason=reason)
    return copy


@transaction.atomic
def positions_record(
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
    """One party's stance on many clauses at once, each position citing the same sources."""
    sources = list(sources)
    created = []
    for version in versions:
        position = Position(
            party=party,
            clause_version=version,
            stance=stance,
            summary=summary,
            stated_on=stated_on,
            speaker=speaker,
        )
        tracked_save(position, user=user, reason=reason)
        tracked_set_related(position, "sources", sources, user=user, reason=reason)
        created.append(position)
    return created
