"""Writes that make many rows at once: import a pasted draft, clone a draft, one stance on many
clauses. Each runs in one transaction, under the editorial rules, with history for every row."""

import re
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from .. import caching
from ..models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source
from ..parsing import ParsedClause
from .bulk import bulk_create_tracked
from .editorial import check_derivation, check_draft, check_draft_parents, check_new_clause_versions
from .records import tracked_save

SLUG_MAX = Draft._meta.get_field("slug").max_length


def _lock_plan(plan: Plan) -> None:
    """Serialise writers that number a plan's drafts (sequence = max + 1) or pick its slugs."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()


def _next_sequence(plan: Plan) -> int:
    return (plan.drafts.aggregate(models.Max("sequence"))["sequence__max"] or 0) + 1


def _place(plan: Plan, *, date, after: Draft | None, title: str, user) -> int:
    """The sequence a new draft takes in the time line: by its date, else after `after`, else
    last. Later drafts move one place on, each move recorded."""
    drafts = list(plan.drafts.order_by("sequence"))
    if date is not None:
        index = next(
            (i for i, d in enumerate(drafts) if d.date is not None and d.date > date), len(drafts)
        )
    elif after is not None:
        index = next((i + 1 for i, d in enumerate(drafts) if d.pk == after.pk), len(drafts))
    else:
        index = len(drafts)
    if index == len(drafts):
        return _next_sequence(plan)
    sequence = drafts[index].sequence
    for later in reversed(drafts[index:]):  # from the end, so no two share a number
        later.sequence += 1
        tracked_save(
            later, user=user, reason=f"One place later in the time line: “{title}” comes before"
        )
    return sequence


def clause_title(parsed: ParsedClause, limit: int = 80) -> str:
    """A new clause's default title: its heading, else its first sentence, on one line and cut
    at a word boundary."""
    text = " ".join((parsed.heading or parsed.text).split())
    first = re.split(r"(?<=[.;:!?])\s", text, maxsplit=1)[0] if text else ""
    if len(first) <= limit:
        return first.rstrip(".;:") or f"Clause {parsed.label}"
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return f"{cut}…"


def _unique_clause_slug(plan: Plan, wanted: str, taken: set[str]) -> str:
    base = slugify(wanted)[:40].strip("-") or "clause"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


IMPORT_REASON = "Imported from pasted text"


def _new_draft(
    plan: Plan,
    title: str,
    slug: str,
    *,
    sequence: int,
    parent: Draft | None,
    authors: Iterable[Party],
    user: AbstractBaseUser | None,
    reason: str,
    **draft_fields,
) -> Draft:
    """A new draft in preparation at `sequence` (the caller holds the plan's lock), derived
    from `parent` if given, with its authors, in one history row."""
    draft = Draft(plan=plan, title=title, slug=slug, sequence=sequence, **draft_fields)
    draft.editorial_state = Draft.EditorialState.IN_PREPARATION
    parents = [parent] if parent is not None else []
    check_draft(draft, original=None)
    check_draft_parents(draft, parents)
    bulk_create_tracked(
        Draft,
        [draft],
        links={"derived_from": [[p.pk for p in parents]], "authors": [[a.pk for a in authors]]},
        known_foreign_keys=["plan"],
        drafts=[draft],
        user=user,
        reason=reason,
    )
    return draft


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
    authors: Iterable[Party] = (),
    user: AbstractBaseUser | None,
    basis: str = "reported",
    topic: str = "implementation",
    titles: list[str] | None = None,
    topics: list[str] | None = None,
    place_after: Draft | None = None,
    **draft_fields,
) -> Draft:
    """Create a draft (in preparation) from parsed clauses, linked to their ancestors: the one
    import (the paste import, the benchmark's generator).

    A clause whose ancestor is taken by an earlier clause of this draft is a split: it gets a
    new Clause identity and a derived_from link. `merged` adds further parents (merges).

    Every new row (the draft with its parent and authors, each new clause, each version with
    its links) gets one history row, signed with `user` and the reason; the plan's pages
    change version once; the queries are a fixed number per draft, whatever its length."""
    reason = IMPORT_REASON
    merged = merged or [[] for _ in clauses]
    titles = titles or [""] * len(clauses)
    topics = topics or [""] * len(clauses)
    # Everything written is in the new draft, in preparation: only editors see it. (Later drafts
    # moved on in the time line show readers nothing new: their place counts visible drafts.)
    with caching.one_change({caching.UNPUBLISHED}):
        _lock_plan(plan)
        sequence = _place(
            plan, date=draft_fields.get("date"), after=place_after, title=title, user=user
        )
        draft = _new_draft(
            plan,
            title,
            slug,
            sequence=sequence,
            parent=parent,
            authors=authors,
            user=user,
            reason=reason,
            **draft_fields,
        )

        # Every earlier version named, with its clause and draft, in one query (the rules
        # need their plans and places in the time line).
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
            Clause,
            new_clauses,
            known_foreign_keys=["plan"],
            drafts=[draft],
            user=user,
            reason=reason,
        )

        versions = [
            ClauseVersion(
                draft=draft,
                clause=clause,
                label=parsed.label,
                position=position,
                heading=parsed.heading[:200],
                text=parsed.text,
                basis=basis if parsed.text else "unknown",
            )
            for position, (parsed, clause, _) in enumerate(rows, start=1)
        ]
        check_new_clause_versions(versions, draft=draft, reason=reason)
        for version, (_, _, links) in zip(versions, rows, strict=True):
            for link in links:
                check_derivation(version, link)
        bulk_create_tracked(
            ClauseVersion,
            versions,
            links={"derived_from": [[link.pk for link in links] for _, _, links in rows]},
            known_foreign_keys=["draft", "clause"],
            drafts=[draft],
            user=user,
            reason=reason,
        )
    return draft


def _fit(base: str, suffix: str) -> str:
    return base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix


@transaction.atomic
def draft_clone(draft: Draft, *, user: AbstractBaseUser | None) -> Draft:
    """A new draft in preparation, last in the time line, with the same clauses linked to the
    same Clause identities and citing the same sources: under the import's rules, in a fixed
    number of queries, one history row per new row with its links."""
    reason = f"Cloned from {draft.title}"
    plan = draft.plan
    originals = list(
        draft.clause_versions.select_related("clause")
        .prefetch_related("sources")
        .order_by("position")
    )
    with caching.one_change({caching.UNPUBLISHED}):  # all of it in the new draft
        _lock_plan(plan)
        slugs = set(plan.drafts.values_list("slug", flat=True))
        slug, n = _fit(draft.slug, "-copy"), 2
        while slug in slugs:
            slug, n = _fit(draft.slug, f"-copy-{n}"), n + 1
        copy = _new_draft(
            plan,
            f"{draft.title} (copy)"[:200],
            slug,
            sequence=_next_sequence(plan),
            parent=draft,
            authors=draft.authors.all(),
            user=user,
            reason=reason,
            date=draft.date,
            standing=draft.standing,
            text_coverage=draft.text_coverage,
            summary=draft.summary,
        )
        clones = [
            ClauseVersion(
                draft=copy,
                clause=version.clause,
                label=version.label,
                position=version.position,
                heading=version.heading,
                text=version.text,
                basis=version.basis,
                disputed=version.disputed,
                dispute_note=version.dispute_note,
            )
            for version in originals
        ]
        check_new_clause_versions(clones, draft=copy, reason=reason)
        bulk_create_tracked(
            ClauseVersion,
            clones,
            links={"sources": [[s.pk for s in version.sources.all()] for version in originals]},
            known_foreign_keys=["draft", "clause"],
            drafts=[copy],
            user=user,
            reason=reason,
        )
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
    """One party's stance on many clauses at once, each position citing the same sources: one
    history row per position holding its sources, in a fixed number of queries."""
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
    drafts = Draft.objects.filter(pk__in={v.draft_id for v in versions}).select_related("plan")
    return bulk_create_tracked(
        Position,
        positions,
        links={"sources": [source_ids] * len(positions)},
        known_foreign_keys=["party", "clause_version"],
        drafts=list(drafts),
        user=user,
        reason=reason,
    )
