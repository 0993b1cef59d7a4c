"""manage.py bench: grow a synthetic record in its own database and time every reader page."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.urls import reverse

from peaceplans.bench import generate, measure
from peaceplans.demo.loader import load_plan_file
from peaceplans.selectors.plans import HOME_DRAFTS, HOME_PLANS_PER_PAGE

DEMO_PLAN = "ukraine-2025"


class Command(BaseCommand):
    help = (
        "Create two throwaway databases: the demo record (1x) and the demo grown through the "
        "services to the chosen size. Time every reader page on both, interleaved run by run, "
        "and the large plan's pages; print medians, p95s, queries, sizes and the ratios; then "
        "the diff's and the matcher's figures on worst cases. The project's database is not "
        "touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clauses", type=int, default=500, help="Clauses in the large plan.")
        parser.add_argument("--drafts", type=int, default=20, help="Drafts of the large plan.")
        parser.add_argument(
            "--scale",
            type=int,
            default=100,
            help="Grow the record to this many times the demo's history rows (default 100).",
        )
        parser.add_argument(
            "--history",
            type=int,
            default=None,
            help="Grow the record to this many history rows instead (overrides --scale).",
        )
        parser.add_argument("--runs", type=int, default=7, help="Timed runs per page (>= 7).")
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep both databases and reuse them next time (skips generation).",
        )
        parser.add_argument("--skip-algorithms", action="store_true")
        parser.add_argument(
            "--algorithms-only", action="store_true", help="Only the diff and matcher figures."
        )
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--explain",
            metavar="FILE",
            help="PostgreSQL only: instead of timing, EXPLAIN (ANALYZE, BUFFERS) every query of "
            "every reader page on the grown record; print the slowest and write every plan as "
            "JSON to FILE.",
        )

    def handle(self, *args, clauses, drafts, history, scale, runs, warmup, seed, keep, **options):
        runs = max(runs, 7)
        if options["algorithms_only"]:
            self._algorithms()
            return
        # Time pages as production serves them: no query log, no template debugging; the
        # request log would print a line per timed request.
        settings.DEBUG = False
        logging.disable(logging.INFO)
        original = connection.settings_dict["NAME"]
        vendor = connection.vendor

        one = self._create("1x", keepdb=keep)
        if not generate.Plan.objects.filter(slug=DEMO_PLAN).exists():
            load_plan_file()
            generate.analyze()
        party = measure.busiest_party()
        demo_pages = measure.pages_of(DEMO_PLAN, party)
        size_1x = measure.record_size()
        # Home lists up to HOME_PLANS_PER_PAGE plans: the 1x record has one, the grown one ten.
        # A third database, the demo and small plans up to ten, times home like for like.
        listed = self._create("home1x", keepdb=keep)
        if not generate.Plan.objects.filter(slug=DEMO_PLAN).exists():
            load_plan_file()
            generate.home_plans(HOME_PLANS_PER_PAGE - 1, drafts=HOME_DRAFTS + 2, seed=seed)
            generate.analyze()

        grown = self._create("grown", keepdb=keep)
        if not generate.Plan.objects.filter(slug=generate.BIG_PLAN).exists():
            load_plan_file()
            target = history if history is not None else scale * size_1x["history rows"]
            before = generate.history_rows()
            started, cpu = time.monotonic(), time.process_time()
            figures = generate.generate(
                clauses=clauses,
                drafts=drafts,
                history=target - before,
                seed=seed,
                progress=not options["no_progress"],
            )
            generate.analyze()
            wall = time.monotonic() - started
            self.stdout.write(
                f"Generated {figures['history rows']:,} history rows in {wall:.0f} s "
                f"({time.process_time() - cpu:.0f} s CPU in this process; "
                f"{(figures['history rows'] - before) / wall:,.0f} rows/s), then ANALYZE."
            )
        size_n = measure.record_size()
        big_pages = measure.pages_of(generate.BIG_PLAN, measure.busiest_party("bench-"))
        if options["explain"]:
            self._explain(demo_pages, big_pages, size_n, options["explain"])
            return
        try:
            demo = measure.time_pages(
                demo_pages, runs=runs, warmup=warmup, databases={"1x": one, "n": grown}
            )
            big = measure.time_pages(big_pages, runs=runs, warmup=warmup, databases={"n": grown})
            home = measure.time_pages(
                [("home, 10 plans at 1x", reverse("home"))],
                runs=runs,
                warmup=warmup,
                databases={"1x": listed, "n": grown},
            )
        finally:
            if not keep:
                for name in (one, listed, grown):
                    measure.use_database(name)
                    connection.creation.destroy_test_db(original, verbosity=0)

        factor = size_n["history rows"] / max(size_1x["history rows"], 1)
        self.stdout.write(f"\nDatabase: {vendor}. Runs per page: {runs} after {warmup} warm-up.")
        self.stdout.write("Record at 1x:   " + self._sizes(size_1x))
        self.stdout.write(f"Record at {factor:.0f}x: " + self._sizes(size_n))
        self._ratio_table(demo, factor, home)
        self._big_table([t["n"] for t in big], clauses, drafts)
        if not options["skip_algorithms"]:
            self._algorithms()

    def _explain(self, demo_pages, big_pages, size, path) -> None:
        import json

        from peaceplans.bench import explain

        if connection.vendor != "postgresql":
            self.stderr.write("--explain needs PostgreSQL (DATABASE_URL=postgres://...).")
            return
        client = measure.client()
        pages = [(f"demo {n}", u) for n, u in demo_pages] + [(f"big {n}", u) for n, u in big_pages]
        figures = explain.explain_pages(client, pages)
        self.stdout.write("Record: " + self._sizes(size))
        header = (
            f"{'page':<26} {'q':>3} {'ms':>8} {'rows':>6} {'read':>6} {'hit':>7}  notes / query"
        )
        self.stdout.write(header)
        self.stdout.write("─" * 120)
        for f in sorted(figures, key=lambda f: -f.ms)[:30]:
            notes = " ".join([*(f"SEQ:{t}" for t in f.seq_scans), *f.sorts])
            self.stdout.write(
                f"{f.page:<26} {f.number:3d} {f.ms:8.2f} {f.rows:6d} {f.shared_read:6d} "
                f"{f.shared_hit:7d}  {notes} {f.short_sql}"
            )
        by_page: dict[str, float] = {}
        for f in figures:
            by_page[f.page] = by_page.get(f.page, 0) + f.ms
        self.stdout.write("\nSQL time per page (sum of the queries' execution times):")
        for page, ms in by_page.items():
            self.stdout.write(f"  {page:<26} {ms:8.2f} ms")
        scans = sorted({(f.page, f.number, t) for f in figures for t in f.seq_scans})
        self.stdout.write(f"\nSequential scans of more than 1,000 rows: {len(scans)}")
        for page, number, table in scans:
            self.stdout.write(f"  {page} query {number}: {table}")
        with open(path, "w") as out:
            json.dump(
                [
                    {"page": f.page, "number": f.number, "sql": f.sql, "plan": f.plan}
                    for f in figures
                ],
                out,
                indent=1,
                default=str,
            )

    def _create(self, suffix: str, *, keepdb: bool) -> str:
        measure.use_database(self._base_name)
        test = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test["NAME"] = str(settings.BASE_DIR / f"bench-{suffix}.sqlite3")
        else:
            test["NAME"] = f"{self._base_name}_bench_{suffix}"
        return connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=keepdb
        )

    @property
    def _base_name(self) -> str:
        if not hasattr(self, "_base"):
            self._base = connection.settings_dict["NAME"]
        return self._base

    @staticmethod
    def _sizes(size: dict[str, int]) -> str:
        return ", ".join(f"{n:,} {what}" for what, n in size.items())

    def _ratio_table(self, demo, factor, home) -> None:
        self.stdout.write(
            "\nDemo plan pages, anonymous reader, server cache cleared before each request, "
            "1x and grown interleaved:\n"
        )
        header = (
            f"{'page':<22} {'1x ms':>8} {'p95':>8} {'q':>4} {'KB':>7} │ "
            f"{f'{factor:.0f}x ms':>8} {'p95':>8} {'q':>4} {'KB':>7} │ {'ratio':>6} {'warm ms':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("─" * len(header))
        for timings in [*demo, *home]:
            a, b = timings["1x"], timings["n"]
            ratio = b.median_ms / a.median_ms if a.median_ms else 0
            self.stdout.write(
                f"{a.name:<22} {a.median_ms:8.1f} {a.p95_ms:8.1f} {a.queries:4d} {a.kb:7.1f} │ "
                f"{b.median_ms:8.1f} {b.p95_ms:8.1f} {b.queries:4d} {b.kb:7.1f} │ "
                f"{ratio:5.2f}× {b.cached_ms:8.1f}"
                + ("" if a.status == b.status == 200 else f"  HTTP {a.status}/{b.status}")
                + ("  *" if abs(a.kb - b.kb) > 0.5 else "")
            )
        if any(abs(t["1x"].kb - t["n"].kb) > 0.5 for t in [*demo, *home]):
            self.stdout.write(
                "* Not like for like: the page shows more at the larger size (home lists up to "
                "10 plans; the 1x record has one)."
            )
        self.stdout.write(
            "home, 10 plans at 1x: the 1x record with small plans added until home lists as "
            f"many as at the larger size ({HOME_PLANS_PER_PAGE} plans of {HOME_DRAFTS} drafts "
            "each on both; the sizes differ only by the plans' titles and authors)."
        )

    def _big_table(self, big, clauses, drafts) -> None:
        self.stdout.write(f"\nLarge plan ({clauses} clauses x {drafts} drafts), anonymous:\n")
        header = f"{'page':<22} {'ms':>8} {'p95':>8} {'q':>4} {'KB':>8} │ {'warm ms':>8}"
        self.stdout.write(header)
        self.stdout.write("─" * len(header))
        for t in big:
            self.stdout.write(
                f"{t.name:<22} {t.median_ms:8.1f} {t.p95_ms:8.1f} {t.queries:4d} {t.kb:8.1f} │ "
                f"{t.cached_ms:8.1f}" + ("" if t.status == 200 else f"  HTTP {t.status}")
            )

    def _algorithms(self) -> None:
        self.stdout.write(
            "\nDiff and matcher, worst cases (time; peak memory traced separately):\n"
        )
        header = f"{'case':<56} {'ms':>9} {'peak MB':>8}  note"
        self.stdout.write(header)
        self.stdout.write("─" * len(header))
        for f in measure.algorithm_figures():
            self.stdout.write(f"{f.name:<56} {f.ms:9.1f} {f.peak_mb:8.1f}  {f.note}")
            self.stdout.flush()
