from pathlib import Path

from django.core.management.base import BaseCommand

from peaceplans import evaluation
from peaceplans.evaluation import DEMO_FILE, all_pairs, evaluate, misses_targets, table
from peaceplans.evaluation.speed import measure, unrelated_drafts


class Command(BaseCommand):
    help = (
        "Measure the lineage matcher on the labelled evaluation set: precision, recall and "
        "spurious merges per pair of drafts (and, with --speed, time and memory)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-file", default=str(DEMO_FILE), help="Demo data file the demo pairs come from."
        )
        parser.add_argument(
            "--mistakes",
            action="store_true",
            help="Also list each later clause whose suggested ancestors are not the true ones.",
        )
        parser.add_argument(
            "--reach",
            action="store_true",
            help="Also count the true links an editor finds in the preview's menu: suggested, "
            "or among the suggestion's nearest earlier clauses.",
        )
        parser.add_argument(
            "--speed",
            action="store_true",
            help="Also time two synthetic drafts of 500 and of 2,000 clauses (takes seconds).",
        )

    def handle(self, *args, demo_file: str, speed: bool, mistakes: bool, reach: bool, **options):
        pairs = all_pairs(Path(demo_file))
        results = [evaluate(pair) for pair in pairs]
        self.stdout.write(table(results))
        if mistakes:
            self.stdout.write("")
            for pair in pairs:
                for line in evaluation.mistakes(pair):
                    self.stdout.write(line)
        misses = [(r.pair, m) for r in results for m in misses_targets(r)]
        for pair, miss in misses:
            what = "held out, below target" if pair.held_out else "target missed"
            self.stdout.write(self.style.WARNING(f"{what}: {pair.name}: {miss}"))
        if not [pair for pair, _ in misses if not pair.held_out]:
            self.stdout.write(self.style.SUCCESS("All targets met on the pairs that have them."))
        if reach:
            self.stdout.write("\n| kind | pair | true links | suggested or nearest | share |")
            self.stdout.write("|---|---|---|---|---|")
            for pair in pairs:
                true, reached = evaluation.within_reach(pair)
                share = reached / true if true else 1.0
                kind = f"{pair.kind}, held out" if pair.held_out else pair.kind
                self.stdout.write(f"| {kind} | {pair.name} | {true} | {reached} | {share:.2f} |")
        if speed:
            self.stdout.write(
                "\n| clauses | seconds (wall) | seconds (CPU) | peak traced memory "
                "| clauses matched right |"
            )
            self.stdout.write("|---|---|---|---|---|")
            for size in (500, 2000):
                m = measure(size)
                self.stdout.write(
                    f"| {size:,} × {size:,} | {m.seconds:.2f} | {m.cpu_seconds:.2f} "
                    f"| {m.peak_mb:.0f} MB "
                    f"| {m.correct:,} / {size:,} |"
                )
            # Unrelated drafts: every clause is left over, the meaning step's worst cases.
            for old_size, new_size in ((200, 200), (20, 980)):
                m = measure(old_size, drafts=lambda n, k=new_size: unrelated_drafts(n, k))
                self.stdout.write(
                    f"| {old_size} × {new_size}, unrelated (all left over) | {m.seconds:.2f} "
                    f"| {m.cpu_seconds:.2f} | {m.peak_mb:.0f} MB | none to match |"
                )
