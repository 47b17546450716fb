from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.demo.data import DEMO_USERS
from claims.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo claims, sources and logins (development only; safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="the port the server will listen on, for the address printed",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo creates logins with published passwords, so it only loads with DEBUG=1."
            )
        result = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({result['claims_created']} claims created)."))
        self.stdout.write(f"Demo logins for http://127.0.0.1:{options['port']}/admin/:")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.group:<9} username {user.username!r}, password {user.password!r}")
