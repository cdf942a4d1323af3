"""`borderless reindex`: rebuild the search index of every product from the catalog."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild the search index of every product (Chinese and English) from the catalog."

    def handle(self, *args, **options):
        from borderless.search.services import rebuild_index

        indexed = rebuild_index()
        self.stdout.write(f"Search index rebuilt: {indexed} products.")
