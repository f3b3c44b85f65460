"""Find the organisation a report means by a library name as written (苍溪馆, 昭化区图书馆, Cangxi Library).

Reports shorten names freely: 苍溪县图书馆 is 苍溪馆, 昭化区图书馆 is also 昭化馆, and an English
report writes Cangxi Library for Cangxi County Library. A name is first put in one vocabulary:
the English words for the kind of body and the level of the place become the Chinese ones
(Library -> 图书馆; Hall, Pavilion -> 馆, as 馆 is translated; County -> 县, District -> 区,
City, Municipal -> 市), so Cangxi County Library is read ``cangxi县图书馆`` and Municipal Library
``市图书馆``. Then one rule, for both languages, in three steps, each of which must find exactly
one organisation:

1. the name equals an organisation's ``name``, ``short_name`` or ``name_en`` (case-insensitive);
2. the name equals one of those with 馆 and 图书馆 swapped (昭化区馆 <-> 昭化区图书馆);
3. the place names agree once 图书馆/馆 and a trailing 县/区/市 are dropped (苍溪馆 <-> 苍溪县图书馆,
   Cangxi Library <-> Cangxi County Library).

Two or more organisations at one step make the name ambiguous: no match, never a guess. An
import matches in tiers (:func:`match_first`): the libraries under the campaign's issuer first,
then the other libraries taking part.
Place names are not translated: Cangxi Library does not match 苍溪县图书馆 unless its English
name says so.

A name whose place is only a mask (xx Library, XX图书馆, 某某图书馆: the report was anonymised)
is a :func:`placeholder`: it names no library, and an import never creates one for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from shuxiang.orgs.models import Organisation

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
# English words that say what kind of body and what level of place a name is, in Chinese.
_VOCABULARY = {
    "library": "图书馆",
    "hall": "馆",
    "pavilion": "馆",
    "county": "县",
    "district": "区",
    "city": "市",
    "municipal": "市",
}
_ARTICLES = frozenset({"the"})
_LEVELS = "县区市"
# What anonymised reports write for a place (xx, XX, ××, **, 某某, ○○).
_MASK = frozenset("x×*＊某○〇□ｘ")


def normalise(name: str) -> str:
    return _SPACES.sub(" ", name.replace("\u3000", " ")).strip().casefold()


def canonical(name: str) -> str:
    """The name in one vocabulary, spaces dropped: Cangxi County Library -> cangxi县图书馆."""
    words = normalise(name).split(" ")
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return "".join(_VOCABULARY.get(word, word) for word in words)


def aliases(name: str) -> set[str]:
    """The name itself and its 馆/图书馆 swap."""
    n = canonical(name)
    if not n:
        return set()
    out = {n}
    if n.endswith("图书馆"):
        out.add(n[:-3] + "馆")
    elif n.endswith("馆"):
        out.add(n[:-1] + "图书馆")
    return out


def _place(name: str) -> str | None:
    """The name without its 图书馆/馆 (苍溪县图书馆 -> 苍溪县); None when it is no library's name."""
    n = canonical(name)
    for suffix in ("图书馆", "馆"):
        if n.endswith(suffix):
            return n[: -len(suffix)]
    return None


def place_core(name: str) -> str | None:
    """苍溪县图书馆 -> 苍溪, 昭化馆 -> 昭化, Cangxi County Library -> cangxi.

    None when the name is no library's or its place is too short.
    """
    n = _place(name)
    if n is None:
        return None
    if len(n) > 2 and n[-1] in _LEVELS:
        n = n[:-1]
    return n if len(n) >= 2 else None


def placeholder(name: str) -> bool:
    """True for an anonymised name: xx Library, XX县图书馆, 某某图书馆, 某馆 (the place is only a mask)."""
    n = _place(name)
    if n is None:
        return False
    mask = n.rstrip(_LEVELS)
    return bool(mask) and set(mask) <= _MASK


def _names(org: Organisation) -> list[str]:
    return [n for n in (org.name, org.short_name, org.name_en) if n]


def matches(
    written: str,
    candidates: Iterable[T],
    names: Callable[[T], Iterable[str]],
    key: Callable[[T], Hashable] = id,
) -> list[T]:
    """The candidates ``written`` names at the first of the three steps that finds any (maybe several)."""
    items = list(candidates)
    wanted = canonical(written)
    if not wanted:
        return []
    core = place_core(written)
    steps: tuple[Callable[[str], bool], ...] = (
        lambda n: canonical(n) == wanted,
        lambda n: bool(aliases(written) & aliases(n)),
        lambda n: core is not None and place_core(n) == core,
    )
    for step in steps:
        found = {key(item): item for item in items if any(step(n) for n in names(item))}
        if found:
            return list(found.values())
    return []


def match_library(written: str, candidates: Iterable[Organisation]) -> Organisation | None:
    """The one candidate ``written`` names, or None (no candidate, or more than one)."""
    found = matches(written, candidates, _names, key=lambda o: o.pk)
    return found[0] if len(found) == 1 else None


def match_first(written: str, tiers: Iterable[Iterable[Organisation]]) -> Organisation | None:
    """The one library ``written`` names in the first tier where it names any (a tier's ambiguity: None).

    The campaign's own bureau comes first, then libraries of other bodies taking part: a name
    found under the bureau is never ambiguous with a library of another bureau.
    """
    for tier in tiers:
        found = libraries_named(written, tier)
        if found:
            return found[0] if len(found) == 1 else None
    return None


def libraries_named(written: str, candidates: Iterable[Organisation]) -> list[Organisation]:
    """Every candidate ``written`` may name (one, several when ambiguous, or none)."""
    return matches(written, candidates, _names, key=lambda o: o.pk)
