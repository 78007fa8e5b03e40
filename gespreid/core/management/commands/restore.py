from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gespreid.core import backups


class Command(BaseCommand):
    help = "Zet een back-up terug in de (lege) database en media-map van deze instellingen, en controleer hem."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="de map van de back-up (gespreid-<tijd>)")

    def handle(self, *args, folder, **options):
        try:
            backups.restore(folder, connection.settings_dict, settings.MEDIA_ROOT)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        found = backups.differences(folder, connection, settings.MEDIA_ROOT)
        if found:
            raise CommandError("De teruggezette gegevens wijken af:\n" + "\n".join(found))
        self.stdout.write("Teruggezet en gecontroleerd: elke tabel en elk bestand klopt met de back-up.")
