"""Find the organisation a report means by a library name as written (苍溪馆, 昭化区图书馆, 市图书馆).

Reports shorten names freely: 苍溪县图书馆 is 苍溪馆, 昭化区图书馆 is also 昭化馆. A name is
matched in three steps, each of which must find exactly one organisation:

1. the name equals an organisation's ``name``, ``short_name`` or ``name_en`` (case-insensitive);
2. the name equals one of those with 馆 and 图书馆 swapped (昭化区馆 <-> 昭化区图书馆);
3. the place names agree once 图书馆/馆 and a trailing 县/区/市 are dropped (苍溪馆 <-> 苍溪县图书馆).

Two or more organisations at one step make the name ambiguous: no match, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shuxiang.orgs.models import Organisation

_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    return _SPACES.sub(" ", name.replace("\u3000", " ")).strip().casefold()


def _plain(name: str) -> str:
    return normalise(name).replace(" ", "")


def aliases(name: str) -> set[str]:
    """The name itself and its 馆/图书馆 swap."""
    n = _plain(name)
    if not n:
        return set()
    out = {n}
    if n.endswith("图书馆"):
        out.add(n[:-3] + "馆")
    elif n.endswith("馆"):
        out.add(n[:-1] + "图书馆")
    return out


def place_core(name: str) -> str | None:
    """苍溪县图书馆 -> 苍溪, 昭化馆 -> 昭化; None when the name is no library name or too short."""
    n = _plain(name)
    for suffix in ("图书馆", "馆"):
        if n.endswith(suffix):
            n = n[: -len(suffix)]
            break
    else:
        return None
    if len(n) > 2 and n[-1] in "县区市":
        n = n[:-1]
    return n if len(n) >= 2 else None


def _names(org: Organisation) -> list[str]:
    return [n for n in (org.name, org.short_name, org.name_en) if n]


def _only(found: list[Organisation]) -> Organisation | None:
    unique = {o.pk: o for o in found}
    return next(iter(unique.values())) if len(unique) == 1 else None


def match_library(written: str, candidates: Iterable[Organisation]) -> Organisation | None:
    """The one candidate ``written`` names, or None (no candidate, or more than one)."""
    orgs = list(candidates)
    wanted = normalise(written)
    if not wanted:
        return None
    steps = (
        lambda o: any(normalise(n) == wanted for n in _names(o)),
        lambda o: any(aliases(written) & aliases(n) for n in _names(o)),
        lambda o: (core := place_core(written)) is not None and any(place_core(n) == core for n in _names(o)),
    )
    for step in steps:
        found = [o for o in orgs if step(o)]
        if found:
            return _only(found)
    return None
