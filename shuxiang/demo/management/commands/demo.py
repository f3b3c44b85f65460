"""``shuxiang demo [--if-empty]``: load the demo world and print its accounts once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuxiang.demo.builder import build_demo, credentials_table, is_empty


class Command(BaseCommand):
    help = "Load the demo: organisations, three campaigns rebuilt from real reports, a live week, users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already holds data.",
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if not is_empty():
            if if_empty:
                self.stdout.write("The database already holds data: demo not loaded.")
                return
            raise CommandError("The database already holds data; the demo loads only into an empty one.")
        credentials = build_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded. Accounts (passwords are shown only this once):"))
        self.stdout.write(credentials_table(credentials))
