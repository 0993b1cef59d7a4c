from django.core.management import call_command
from django.core.management.base import BaseCommand

from peaceplans.record_transfer import NOT_RECORD, RECORD_LABELS


class Command(BaseCommand):
    help = (
        "Write the whole record (plans, drafts, clauses, positions, sources, their full history, "
        "the admin log and editors' accounts) as JSON, for importrecord into another database."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="JSON file to write")
        parser.add_argument("--database", default="default", help="database alias to read")

    def handle(self, *args, output: str, database: str, **options):
        call_command(
            "dumpdata",
            *RECORD_LABELS,
            exclude=NOT_RECORD,
            database=database,
            output=output,
            # users, groups and content types by name: ids differ from database to database
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            verbosity=0,
        )
        self.stdout.write(f"Record written to {output}.")
