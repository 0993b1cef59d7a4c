import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from peaceplans.demo.loader import DEMO_FILE, DemoDataError, load_plan_file


class Command(BaseCommand):
    help = (
        "Load the Ukraine peace-plan record, second edition (idempotent: a second run changes "
        "nothing; over the first edition it converges, with history)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DEMO_FILE), help="TOML data file, or a folder of them, to load."
        )
        parser.add_argument(
            "--with-editor",
            action="store_true",
            help="Also create (or reset) the 'editor' account and print its password.",
        )

    def handle(self, *args, file: str, with_editor: bool, **options):
        try:
            report = load_plan_file(Path(file))
        except (DemoDataError, OSError, ValueError) as error:
            raise CommandError(f"Could not load {file}: {error}") from error
        counts = ", ".join(f"{n} {what}" for what, n in report.counts.items())
        self.stdout.write(f"Demo record: {counts}.")
        self.stdout.write(f"{report.created_or_changed} rows or links created or changed.")
        if report.deleted:
            self.stdout.write(f"{report.deleted} rows the file no longer holds deleted.")
        if with_editor:
            self._make_editor()

    def _make_editor(self) -> None:
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        editor, _ = User.objects.get_or_create(username="editor", defaults={"is_staff": True})
        editor.is_staff = True
        editor.set_password(password)
        editor.save()
        editor.groups.add(Group.objects.get(name="editors"))
        self.stdout.write(
            self.style.SUCCESS(f"Editor account: username 'editor', password '{password}'")
        )
