"""Grow a synthetic record through the services, so every row has real history.

One large plan (`clauses` x `drafts`) with 5-30% of clauses changed per draft, clauses added
and dropped (so later ones are renumbered), splits and merges, and party positions on some
clauses; then smaller plans and corrections until the history tables hold `history` rows.
Deterministic for a given seed.
"""

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from .. import services
from ..models import ClauseVersion, Draft, Party, Plan, Position, Source
from ..parsing import ParsedClause
from . import texts

BIG_PLAN = "bench-big"


@dataclass
class Step:
    """One clause of the next draft: its text and where it came from."""

    heading: str
    text: str
    ancestor: ClauseVersion | None
    merged: list[ClauseVersion]


def history_rows() -> int:
    from django.apps import apps

    return sum(
        model.objects.count()
        for model in apps.get_app_config("peaceplans").get_models()
        if model.__name__.startswith("Historical")
    )


class Progress:
    """A one-line progress bar on stderr with the rate and the time left (no dependency needed
    for this)."""

    def __init__(self, total: int, *, stream=sys.stderr, enabled: bool = True):
        self.total, self.stream, self.enabled, self.done = max(total, 1), stream, enabled, 0
        self.started = time.monotonic()

    def update(self, done: int, note: str = "") -> None:
        self.done = min(done, self.total)
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "." * (width - filled)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = f"{(self.total - self.done) / rate:5.0f} s left" if rate else ""
        self.stream.write(
            f"\r[{bar}] {100 * self.done // self.total:3d}% {done:,} rows, "
            f"{rate:,.0f}/s, {left}  {note:<32}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


def analyze() -> None:
    """Refresh the planner's statistics, as PostgreSQL's autovacuum would after a bulk load
    (SQLite keeps none until ANALYZE: without them it picks poor plans on a grown record)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _sources(n: int) -> list[Source]:
    sources = []
    for i in range(n):
        source, _ = services.upsert(
            Source,
            lookup={"url": f"https://bench.example.org/report/{i}"},
            values={"title": f"Synthetic report {i}", "publisher": "Bench Agency"},
            reason="Synthetic benchmark record",
        )
        sources.append(source)
    return sources


def _parties() -> list[Party]:
    parties = []
    for slug, name, short in [
        ("bench-north", "Northland", "NO"),
        ("bench-south", "Southland", "SO"),
        ("bench-mediator", "Bench Mediator", "BM"),
        ("bench-union", "Bench Union", "BU"),
    ]:
        party, _ = services.upsert(
            Party,
            lookup={"slug": slug},
            values={"name": name, "short_name": short},
            reason="Synthetic benchmark record",
        )
        parties.append(party)
    return parties


def _next_steps(rng: random.Random, previous: list[ClauseVersion]) -> list[Step]:
    """The next draft from the last one: edits, additions, drops, one split, one merge."""
    change_share = rng.uniform(0.05, 0.30)
    steps: list[Step] = []
    n = len(previous)
    split_at = rng.randrange(n) if n > 4 else -1
    merge_at = rng.randrange(n - 1) if n > 4 else -1
    skip = set()
    for i, version in enumerate(previous):
        if i in skip:
            continue
        r = rng.random()
        if r < 0.01 and i not in (split_at, merge_at):
            continue  # dropped: every later clause is renumbered
        if r < 0.02:
            words = texts.clause_length(rng)
            steps.append(Step(texts.heading(rng, i), texts.clause_text(rng, words), None, []))
        text = version.text
        if rng.random() < change_share:
            text = texts.edit(rng, text)
        if i == split_at:
            sentences = text.split(". ")
            half = max(1, len(sentences) // 2)
            first = ". ".join(sentences[:half]).rstrip(".") + "."
            second = ". ".join(sentences[half:]) or texts.sentence(rng)
            steps.append(Step(version.heading, first, version, []))
            steps.append(Step(version.heading + " (split)", second, version, []))
            continue
        if i == merge_at and i + 1 < n:
            other = previous[i + 1]
            skip.add(i + 1)
            steps.append(Step(version.heading, text + " " + other.text, version, [other]))
            continue
        steps.append(Step(version.heading, text, version, []))
    return steps


def _import(plan: Plan, number: int, steps: list[Step], parent: Draft | None, user) -> Draft:
    clauses = [ParsedClause(str(i), s.heading, s.text) for i, s in enumerate(steps, start=1)]
    draft = services.draft_import(
        plan=plan,
        title=f"{plan.title}: draft {number}",
        slug=f"draft-{number}",
        clauses=clauses,
        ancestors=[s.ancestor for s in steps],
        merged=[s.merged for s in steps],
        parent=parent,
        user=user,
    )
    services.draft_publish(draft, user=user)
    return draft


def grow_plan(
    rng: random.Random,
    *,
    slug: str,
    clauses: int,
    drafts: int,
    parties: list[Party],
    sources: list[Source],
    user,
    on_draft: Callable[[int], None] = lambda n: None,
) -> Plan:
    plan, _ = services.upsert(
        Plan,
        lookup={"slug": slug},
        values={"title": f"Synthetic plan {slug}", "summary": "Generated for benchmarks."},
        reason="Synthetic benchmark record",
    )
    steps = [
        Step(texts.heading(rng, i), texts.clause_text(rng, texts.clause_length(rng)), None, [])
        for i in range(clauses)
    ]
    parent = None
    for number in range(1, drafts + 1):
        with transaction.atomic():
            draft = _import(plan, number, steps, parent, user)
            versions = list(draft.clause_versions.select_related("clause").order_by("position"))
            for party in parties:
                chosen = rng.sample(versions, k=max(1, len(versions) // 25))
                services.positions_record(
                    versions=chosen,
                    party=party,
                    stance=rng.choice(["supports", "objects", "reservations"]),
                    summary=f"{party.name} on draft {number}: " + texts.sentence(rng),
                    sources=rng.sample(sources, k=2),
                    user=user,
                )
            services.tracked_save(
                Position(
                    party=parties[0],
                    draft=draft,
                    stance="supports",
                    summary="Welcomes the draft as a basis for talks.",
                ),
                user=user,
                reason="Synthetic benchmark record",
            )
        parent = draft
        steps = _next_steps(rng, versions)
        on_draft(number)
    return plan


def correct_some(rng: random.Random, plan: Plan, count: int, user) -> None:
    """Published corrections with reasons: history rows on existing versions."""
    ids = list(ClauseVersion.objects.filter(draft__plan=plan).values_list("pk", flat=True))
    with transaction.atomic():
        for pk in rng.sample(ids, k=min(count, len(ids))):
            version = ClauseVersion.objects.select_related("draft").get(pk=pk)
            services.clause_version_correct(
                version,
                user=user,
                reason="Corrected against the agency's full text",
                text=texts.edit(rng, version.text),
            )


def generate(
    *, clauses: int, drafts: int, history: int, seed: int = 12, progress: bool = True, log=None
) -> dict[str, int]:
    rng = random.Random(seed)
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # A throwaway database: no need to wait for the disk at each commit (this connection
        # only; the pages are timed as usual). SQLite refuses it inside a transaction.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
    User = get_user_model()
    # A superuser: publishing needs the editors' publish permission.
    user, _ = User.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    parties, sources = _parties(), _sources(20)
    bar = Progress(history, enabled=progress)
    base = history_rows()

    def tick(note: str) -> int:
        done = history_rows() - base  # 21 counts: once a draft of the big plan, once a filler
        bar.update(done, note)
        return done

    grow_plan(
        rng,
        slug=BIG_PLAN,
        clauses=clauses,
        drafts=drafts,
        parties=parties,
        sources=sources,
        user=user,
        on_draft=lambda n: tick(f"{BIG_PLAN}: draft {n}/{drafts}"),
    )
    big = Plan.objects.get(slug=BIG_PLAN)
    correct_some(rng, big, max(1, clauses // 5), user)
    n, done = 0, tick("corrections")
    while done < history:
        n += 1
        slug = f"bench-filler-{n}"
        grow_plan(
            rng,
            slug=slug,
            clauses=60,
            drafts=10,
            parties=parties,
            sources=sources,
            user=user,
        )
        done = tick(slug)
    bar.update(done, "done")
    bar.close()
    return {
        "plans": Plan.objects.count(),
        "drafts": Draft.objects.count(),
        "clause versions": ClauseVersion.objects.count(),
        "positions": Position.objects.count(),
        "history rows": history_rows(),
    }


def home_plans(count: int, *, drafts: int, seed: int = 12) -> None:
    """`count` small plans (3 clauses, `drafts` drafts) beside the demo, so that the 1x home
    page lists as many plans, with as many drafts each, as the grown record's: home is then
    timed like for like."""
    rng = random.Random(seed)
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    parties, sources = _parties(), _sources(2)
    for n in range(1, count + 1):
        grow_plan(
            rng,
            slug=f"bench-home-{n}",
            clauses=3,
            drafts=drafts,
            parties=parties,
            sources=sources,
            user=user,
        )
