"""Time reader pages in-process (Django's test client, no network) and the pure algorithms."""

import gc
import math
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from .. import lineage
from ..diffing import diff_texts
from ..models import Clause, ClauseVersion, Draft, Party, Plan, Position
from . import texts


@dataclass
class Timing:
    name: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    kb: float
    cached_ms: float | None = None
    status: int = 200


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _count_queries(client: Client, url: str):
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    return response, len(executed)


def time_url(
    name: str, url: str, *, runs: int, warmup: int, client: Client, databases: dict[str, str]
) -> dict[str, Timing]:
    """Median and p95 over `runs` requests on each database, interleaved run by run (so a
    machine that gets busier halfway hits every database alike), the server cache cleared
    before each request; then the median with the cache left warm."""
    cache = caches["default"]
    samples: dict[str, list[float]] = {label: [] for label in databases}
    warm: dict[str, list[float]] = {label: [] for label in databases}
    first: dict[str, tuple] = {}
    for label, database in databases.items():
        use_database(database)
        for _ in range(warmup):
            cache.clear()
            client.get(url)
        cache.clear()
        first[label] = _count_queries(client, url)
    for _ in range(runs):
        for label, database in databases.items():
            use_database(database)
            cache.clear()
            gc.collect()
            start = time.perf_counter()
            client.get(url)
            samples[label].append((time.perf_counter() - start) * 1000)
    for label, database in databases.items():
        use_database(database)
        client.get(url)
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            warm[label].append((time.perf_counter() - start) * 1000)
    return {
        label: Timing(
            name,
            url,
            statistics.median(samples[label]),
            _p95(samples[label]),
            first[label][1],
            len(first[label][0].content) / 1024,
            statistics.median(warm[label]),
            first[label][0].status_code,
        )
        for label in databases
    }


def use_database(name: str) -> None:
    """Point the default connection at another database of the same server (or file)."""
    if connection.settings_dict["NAME"] != name:
        connection.close()
        connection.settings_dict["NAME"] = name


def pages_of(plan_slug: str, party_slug: str) -> list[tuple[str, str]]:
    """The reader pages of one plan, picked where they are heaviest."""
    plan = Plan.objects.get(slug=plan_slug)
    # Drafts with text (not drafts only mentioned in the reporting, nor companion documents).
    drafts = list(
        plan.drafts.filter(editorial_state="published", clause_versions__isnull=False)
        .filter(**({"kind": "draft"} if hasattr(Draft, "Kind") else {}))
        .distinct()
        .order_by("sequence")
    )
    first, last = drafts[0], drafts[-1]
    # The clause with the most versions, and the last draft's version of it.
    clause = max(plan.clauses.all(), key=lambda c: (c.versions.count(), -c.pk))
    version = clause.versions.filter(draft__editorial_state="published").order_by(
        "-draft__sequence"
    )[0]
    p, d = plan.slug, last.slug
    pages = [
        ("home", reverse("home")),
        ("plan", reverse("plan", kwargs={"plan": p})),
        ("draft", reverse("draft", kwargs={"plan": p, "draft": d})),
        (
            "compare first...last",
            reverse("compare", kwargs={"plan": p, "spec": f"{first.slug}...{d}"}),
        ),
        (
            "compare, side by side",
            reverse("compare", kwargs={"plan": p, "spec": f"{first.slug}...{d}"}) + "?view=side",
        ),
        ("clause", reverse("clause", kwargs={"plan": p, "clause": clause.slug})),
        (
            "clause version",
            reverse(
                "clause_version",
                kwargs={"plan": p, "draft": version.draft.slug, "label": version.label},
            ),
        ),
        (
            "revision 1",
            reverse(
                "clause_revision",
                kwargs={
                    "plan": p,
                    "draft": version.draft.slug,
                    "label": version.label,
                    "number": 1,
                },
            ),
        ),
        ("draft history", reverse("draft_history", kwargs={"plan": p, "draft": d})),
        ("party", reverse("party", kwargs={"party": party_slug})),
    ]
    if len(drafts) > 2:
        before = drafts[-2].slug
        pages.insert(
            4,
            ("compare last two", reverse("compare", kwargs={"plan": p, "spec": f"{before}...{d}"})),
        )
    return pages


def busiest_party(prefix: str = "") -> str:
    party = (
        Party.objects.filter(slug__startswith=prefix)
        .annotate(n=Count("positions"))
        .order_by("-n", "pk")
        .first()
    )
    return party.slug


def client() -> Client:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in {"*", ""} and not h.startswith(".")]
    return Client(raise_request_exception=True, HTTP_HOST=hosts[0] if hosts else "localhost")


def time_pages(
    pages: list[tuple[str, str]], *, runs: int, warmup: int, databases: dict[str, str]
) -> list[dict[str, Timing]]:
    client_ = client()
    return [
        time_url(name, url, runs=runs, warmup=warmup, client=client_, databases=databases)
        for name, url in pages
    ]


def record_size() -> dict[str, int]:
    from .generate import history_rows

    return {
        "plans": Plan.objects.count(),
        "drafts": Draft.objects.count(),
        "clauses": Clause.objects.count(),
        "clause versions": ClauseVersion.objects.count(),
        "positions": Position.objects.count(),
        "history rows": history_rows(),
    }


# ------------------------------------------------------------------ pure algorithms


@dataclass
class AlgoFigure:
    name: str
    ms: float
    peak_mb: float
    note: str = ""


def measure(name: str, fn: Callable[[], object], note: Callable[[object], str] = lambda r: ""):
    gc.collect()
    start = time.perf_counter()
    result = fn()
    ms = (time.perf_counter() - start) * 1000
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return AlgoFigure(name, ms, peak / 1e6, note(result))


def diff_cases() -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    repeated = "The Parties shall ensure the ceasefire holds. " * 70
    repeated_new = repeated.replace("holds.", "holds firmly.", 35)
    comma_old = ", ".join(
        " ".join(rng.choice(texts.FILLER + ["word"]) for _ in range(200)) for _ in range(10)
    )
    comma_new = ", ".join(
        " ".join(rng.choice(texts.FILLER + ["term"]) for _ in range(200)) for _ in range(10)
    )
    long_old = texts.clause_text(rng, 8000)
    long_new = " ".join(texts.edit(rng, s) for s in long_old.split(". ") if s)
    return [
        ("repeated sentences, 3 KB, half edited", repeated, repeated_new),
        ("10 x 200-word comma-joined sentences, all rewritten", comma_old, comma_new),
        ("8,000 words, every sentence edited", long_old, long_new),
    ]


def matcher_case(n: int, seed: int = 3):
    rng = random.Random(seed)
    old = [
        lineage.Candidate(i, str(i + 1), texts.clause_text(rng, texts.clause_length(rng) // 2))
        for i in range(n)
    ]
    order = list(range(n))
    rng.shuffle(order)
    new = [(str(j + 1), texts.edit(rng, old[i].text)) for j, i in enumerate(order)]
    return old, new, order


def algorithm_figures(*, matcher_sizes=(500, 2000)):
    """Yields each figure as soon as it is measured (the 2,000 x 2,000 matcher takes a while)."""
    for name, a, b in diff_cases():
        yield measure(
            f"diff: {name}",
            lambda a=a, b=b: diff_texts(a, b),
            lambda d: f"{len(d.segments)} segments{' (coarse)' if d.coarse else ''}",
        )
    for n in matcher_sizes:
        old, new, truth = matcher_case(n)

        def accuracy(suggestions, truth=truth):
            right = sum(1 for s, t in zip(suggestions, truth, strict=True) if s.parent == t)
            return f"{100 * right / len(truth):.1f}% matched to the true ancestor"

        yield measure(
            f"matcher: {n:,} x {n:,}",
            lambda old=old, new=new: lineage.suggest_ancestors(old, new),
            accuracy,
        )
