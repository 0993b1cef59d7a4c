from django.core.management.base import BaseCommand

from peaceplans.record_transfer import page_digests, table_digests


class Command(BaseCommand):
    help = (
        "Print a digest of every record table and every revision permalink page: run it before a "
        "backup and after the restore (or import) and compare the two outputs with diff."
    )

    def handle(self, *args, **options):
        for table, digest in table_digests().items():
            self.stdout.write(f"table {table} {digest}")
        for url, digest in page_digests().items():
            self.stdout.write(f"page {url} {digest}")
