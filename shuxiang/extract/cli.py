"""``shuxiang extract FILE [--format json|md] [--split]``: a report file -> report record(s).

Errors are one line on stderr and exit status 1 (2 for bad arguments); never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from shuxiang.extract.errors import ExtractError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="shuxiang extract",
        description="Read a report (.txt, .docx, .html) and print its report-record/1 JSON.",
    )
    p.add_argument("file", help="the report file")
    p.add_argument(
        "--format", choices=("json", "md"), default="json", help="JSON record (default) or Markdown summary"
    )
    p.add_argument(
        "--split", action="store_true", help="one record per numbered report on the page (JSON array)"
    )
    return p


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        from shuxiang.extract import extract_file
        from shuxiang.record.model import RecordError, dump

        records = extract_file(args.file, split=args.split)
        if args.format == "md":
            from shuxiang.extract.markdown import to_markdown

            out = "\n---\n\n".join(to_markdown(r) for r in records)
        else:
            data = [dump(r) for r in records]
            out = json.dumps(data if args.split else data[0], ensure_ascii=False, indent=2) + "\n"
    except ExtractError as exc:
        print(f"shuxiang extract: {exc}", file=sys.stderr)
        return 1
    except RecordError as exc:  # a bug of ours, said plainly rather than as a traceback
        print(f"shuxiang extract: the extracted record is invalid ({exc})", file=sys.stderr)
        return 1
    except MemoryError:
        print("shuxiang extract: the file is too large to process", file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: the contract is one line, never a traceback
        print(f"shuxiang extract: cannot extract {args.file}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(out)
    return 0
