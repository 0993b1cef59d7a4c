from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = (
        "Load a file written by exportrecord into an empty, migrated database, history exactly as "
        "exported (history is switched off during the load, so nothing new is recorded)."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON file written by exportrecord")
        parser.add_argument("--database", default="default", help="database alias to load into")

    def handle(self, *args, input: str, database: str, **options):
        plan = apps.get_model("peaceplans", "Plan")
        if plan.objects.using(database).exists():
            raise CommandError(
                "This database already holds a record; import only into an empty one "
                "(createdb, then manage.py migrate)."
            )
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic(using=database):
            call_command("loaddata", input, database=database, verbosity=0)
        drafts = apps.get_model("peaceplans", "Draft").objects.using(database).count()
        self.stdout.write(
            f"Record loaded: {plan.objects.using(database).count()} plans, {drafts} drafts."
        )
