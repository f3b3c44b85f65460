"""``shuxiang render RECORD.json --lang zh|en --format md|html|docx|pdf -o FILE``.

Pure: no Django. A record that breaks report-record/1 is refused with the field
named (``activities[2].figures[0].value: must not be negative``) and exit status 2;
no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shuxiang.record.model import RecordError, loads
from shuxiang.render import FORMATS, LANGUAGES, render
from shuxiang.render.fonts import FontNotFoundError
from shuxiang.render.phrases import parse_edtf


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shuxiang render",
        description="Render a report record (report-record/1 JSON) as a summary report.",
    )
    parser.add_argument("record", type=Path, help="the record, a JSON file ('-' for standard input)")
    parser.add_argument("--lang", choices=LANGUAGES, required=True, help="language of the report")
    parser.add_argument(
        "--format", dest="fmt", choices=FORMATS, help="output format (default: from the -o file's suffix)"
    )
    parser.add_argument("-o", "--output", type=Path, help="output file ('-' or absent: standard output)")
    parser.add_argument("--templates", type=Path, help="a directory of templates overriding the shipped ones")
    parser.add_argument("--date", help="the report's date for the signature, YYYY-MM-DD")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    fmt = args.fmt
    if fmt is None and args.output and args.output.suffix.lstrip(".") in FORMATS:
        fmt = args.output.suffix.lstrip(".")
    if fmt is None:
        parser.error("--format is required when -o does not end in .md, .html, .docx or .pdf")
    if args.date and (parse_edtf(args.date) is None or parse_edtf(args.date).iso is None):
        parser.error(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
    try:
        text = sys.stdin.read() if str(args.record) == "-" else args.record.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"shuxiang render: cannot read {args.record}: {exc}", file=sys.stderr)
        return 2
    try:
        record = loads(text)
    except RecordError as exc:
        print(f"shuxiang render: {args.record} is not a valid report record:", file=sys.stderr)
        for path, message in exc.problems:
            print(f"  {path}: {message}", file=sys.stderr)
        return 2
    if args.templates and not args.templates.is_dir():
        print(f"shuxiang render: no template directory {args.templates}", file=sys.stderr)
        return 2
    try:
        data = render(
            record, lang=args.lang, fmt=fmt, templates_dir=args.templates, extra={"date": args.date}
        )
    except FontNotFoundError as exc:
        print(f"shuxiang render: {exc}", file=sys.stderr)
        return 1
    if args.output is None or str(args.output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.write_bytes(data)
    return 0
