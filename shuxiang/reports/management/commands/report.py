"""``shuxiang report --campaign ID [--library ID] [--lang zh|en] [--format md|html|docx|pdf|json] -o FILE``.

Without ``--library``: the compiled report of every participating library. With the id of
a library: that library's report; with the id of a bureau or association: the compiled
report of the libraries under it. ``-o -`` (the default) writes to standard output.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuxiang.campaigns.models import Campaign
from shuxiang.orgs.models import Organisation
from shuxiang.reports import documents
from shuxiang.reports.build import Scope, build


class Command(BaseCommand):
    help = "Build a campaign report from the database and write it as md, html, docx, pdf or json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", type=int, required=True, help="campaign id")
        parser.add_argument(
            "--library", type=int, help="a library's id (its report) or a bureau's (its libraries, compiled)"
        )
        parser.add_argument("--lang", choices=documents.LANGS, default="zh")
        parser.add_argument("--format", dest="fmt", choices=documents.FORMATS, default="md")
        parser.add_argument("-o", "--output", default="-", help="file to write; - for standard output")
        parser.add_argument(
            "--no-comparison", action="store_true", help="leave out the comparison with last year"
        )

    def handle(self, *args, campaign: int, library: int | None, lang: str, fmt: str, output: str, **options):
        found = Campaign.objects.select_related("issuer").filter(pk=campaign).first()
        if found is None:
            raise CommandError(f"No campaign with id {campaign}.")
        scope = Scope(found)
        if library is not None:
            org = Organisation.objects.filter(pk=library).first()
            if org is None:
                raise CommandError(f"No library or bureau with id {library}.")
            if org.is_library:
                scope = Scope(found, library=org)
            elif org.kind in Organisation.SUPERVISING_KINDS:
                scope = Scope(found, under=org)
            else:
                raise CommandError(
                    f"{org.name} (id {library}) is a {org.get_kind_display()}, not a library or bureau."
                )
        if output == "-" and fmt in {"docx", "pdf"}:
            raise CommandError(f"{fmt} is binary: give a file with -o.")
        built = build(scope, lang=lang)
        extra = None if options["no_comparison"] or fmt == "json" else documents.extra_for(built)
        content = documents.render_built(built, lang=lang, fmt=fmt, extra=extra)
        if output == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        Path(output).write_bytes(content)
        self.stderr.write(
            f"{output}: {len(built.record.activities)} activities, {len(built.record.libraries)} libraries"
        )
