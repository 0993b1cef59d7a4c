from django.core.management.base import BaseCommand

from peaceplans.evaluation.pastes import check_all, summary


class Command(BaseCommand):
    help = (
        "Parse the corpus of twenty own-words pastes (one per publisher format) and say which "
        "give the expected clauses: 'N of 20 parsed right, M with warnings'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--warnings", action="store_true", help="Print every warning too.")

    def handle(self, *args, warnings: bool, **options):
        results = check_all()
        self.stdout.write("| paste | parsed right | warnings | what differs |")
        self.stdout.write("|---|---|---|---|")
        for r in results:
            self.stdout.write(
                f"| {r.name} | {'yes' if r.right else 'NO'} | {len(r.warnings)} "
                f"| {'; '.join(r.problems)} |"
            )
            if warnings:
                for warning in r.warnings:
                    self.stdout.write(f"|  |  |  | {warning} |")
        line = summary(results)
        right = all(r.right for r in results)
        self.stdout.write(self.style.SUCCESS(line) if right else self.style.WARNING(line))
