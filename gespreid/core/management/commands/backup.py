from django.core.management.base import BaseCommand

from gespreid.core import backups


class Command(BaseCommand):
    help = "Maak een back-up van de database en de media in MAP (zie docs/deploy.md, 'Back-ups')."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="map waarin de back-up komt")

    def handle(self, *args, folder, **options):
        path = backups.backup(folder)
        self.stdout.write(f"Back-up gemaakt: {path}")
