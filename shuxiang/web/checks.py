"""A system check: the Chinese catalogues are compiled.

The ``.po`` files are kept in git and compiled to ``.mo`` by ``make run`` and ``make test``
(``shuxiang compilemessages``). Started another way without them, the site silently speaks
English to everyone; this check says so at startup (``runserver``, ``check``, ``migrate``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Warning, register


def stale_catalogues(locale_dirs: Iterable[Path]) -> list[Path]:
    """The ``.po`` files under ``locale_dirs`` with no ``.mo`` beside them, or an older one."""
    stale = []
    for directory in locale_dirs:
        for po in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po)
    return stale


def _project_locale_dirs() -> list[Path]:
    ours = [app for app in apps.get_app_configs() if app.name.startswith("shuxiang.")]
    app_dirs = [Path(app.path) / "locale" for app in ours]
    return [*map(Path, settings.LOCALE_PATHS), *app_dirs]


@register()
def translations_compiled(app_configs=None, **kwargs) -> list[Warning]:
    stale = stale_catalogues(_project_locale_dirs())
    if not stale:
        return []
    return [
        Warning(
            f"{len(stale)} translation catalogue(s) not compiled, e.g. {stale[0]}: pages will be in English.",
            hint="Run `make messages` (or `shuxiang compilemessages --ignore .venv`).",
            id="shuxiang.W001",
        )
    ]
