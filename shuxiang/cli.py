"""The ``shuxiang`` console command.

``shuxiang extract`` and ``shuxiang render`` work on files alone and never load
Django, so they start fast and run anywhere. Every other subcommand is a Django
management command (``shuxiang migrate``, ``shuxiang demo``, ``shuxiang report``,
``shuxiang runserver``...).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module

PURE_COMMANDS: dict[str, str] = {
    "extract": "shuxiang.extract.cli:main",
    "render": "shuxiang.render.cli:main",
}


def _load(target: str) -> Callable[[list[str]], int]:
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        return _load(PURE_COMMANDS[argv[0]])(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuxiang.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shuxiang", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
