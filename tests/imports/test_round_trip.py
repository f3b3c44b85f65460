"""Round trip: a gold record imported into a fresh campaign and built back from the database.

For every gold record in ``../shared/eval/seeds/gold``: import it as the demo does (a bureau
administrator over the demo's organisations, so names are matched and unknown libraries
created), then build the record with :mod:`shuxiang.reports.build` and check that every fact
comes back: each activity's kind, title, library (as matched), venue, partners, audience,
dates (null stays null; a year written 20XX comes back as the year the import took) and
figures (value, qualifier, unit, measure), the report-level figures and the media outlets.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from shuxiang import record
from shuxiang.demo.builder import GUANGYUAN_LIBRARIES
from shuxiang.imports.matching import match_library
from shuxiang.imports.models import ImportBatch
from shuxiang.imports.services import candidate_libraries, import_record
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.reports.build import Scope, build
from tests.factories import make_bureau, make_campaign, make_library, make_user
from tests.shared_data import GOLD_DIR as GOLD
from tests.shared_data import gold_files

GOLD_FILES = gold_files()

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not GOLD_FILES, reason=f"no gold records in {GOLD}"),
]

_EDTF = re.compile(r"^(?P<y>[0-9X]{4})-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?$")
UNKNOWN_YEAR = 2014  # the year a fresh campaign takes when the record writes none


def _campaign_dates(rec: record.Record) -> tuple[dt.date, dt.date]:
    """A campaign for the record: its own dates, with 2014 for a year it does not write."""
    start, end = (_EDTF.match(v or "") for v in (rec.campaign.start, rec.campaign.end))
    if start is None:
        return dt.date(UNKNOWN_YEAR, 5, 26), dt.date(UNKNOWN_YEAR, 6, 1)
    year = int(start["y"]) if "X" not in start["y"] else UNKNOWN_YEAR
    first = dt.date(year, int(start["m"]), int(start["d"] or 1))
    if end is not None:
        last_day = int(end["d"] or calendar.monthrange(year, int(end["m"]))[1])
        return first, dt.date(year, int(end["m"]), last_day)
    if start["d"] is None:
        return first, first.replace(day=calendar.monthrange(year, first.month)[1])
    return first, first + dt.timedelta(days=6)


def _world():
    """The demo's organisations under one bureau (names, short names, English names as the demo)."""
    bureau = make_bureau(name="广元市文化广播影视新闻出版局")
    for name, short, english in GUANGYUAN_LIBRARIES:
        make_library(parent=bureau, name=name, short_name=short, name_en=english)
    make_library(parent=bureau, name="古县图书馆", name_en="Guxian Library")
    make_library(parent=bureau, name="县图书馆", name_en="County Library")
    return bureau, make_user(bureau, Membership.Role.BUREAU_ADMIN)


def _same_date(gold: str | None, built: str | None) -> bool:
    """Equal, or equal but for the year a gold 20XX/XXXX date does not write."""
    if gold is None or built is None:
        return gold is built
    pattern = "".join("[0-9]" if ch == "X" else re.escape(ch) for ch in gold)
    return re.fullmatch(pattern, built) is not None


def _figures(figures: list[record.Figure]) -> Counter:
    return Counter(
        (Decimal(str(f.value)).normalize(), f.qualifier, f.unit, f.measure or None) for f in figures
    )


def _import(path: Path):
    gold = record.load(json.loads(path.read_text("utf-8")))
    bureau, admin = _world()
    first, last = _campaign_dates(gold)
    campaign = make_campaign(issuer=bureau, start_date=first, end_date=last, report_due=None)
    library_map: dict[str | None, Organisation] = {}
    if any(a.library is None for a in gold.activities):
        # Activities naming no library are the one library the report speaks for (taking part,
        # as in the demo); a report naming none or several gets a library of its own for them.
        named = gold.libraries[0] if len(gold.libraries) == 1 else None
        body = match_library(named, candidate_libraries(campaign)) if named else None
        library_map[None] = body or make_library(parent=bureau, name=named or "本馆")
    import_record(gold, campaign=campaign, acting_user=admin, library_map=library_map)
    return gold, campaign, library_map


def _pairs(gold: record.Record, built) -> list[tuple[record.Activity, record.Activity]]:
    """Each gold activity with the built one made from it (through the import batches' contents)."""
    by_pk = dict(zip(built.activity_pks, built.record.activities, strict=True))
    unused = list(range(len(gold.activities)))
    pairs = []
    for batch in ImportBatch.objects.order_by("id"):
        for written, pk in zip(batch.part["activities"], batch.activity_ids, strict=True):
            index = next(i for i in unused if dataclasses.asdict(gold.activities[i]) == written)
            unused.remove(index)
            pairs.append((gold.activities[index], by_pk[pk]))
    assert not unused, "every gold activity was imported"
    return pairs


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_a_gold_record_comes_back_from_the_database_with_every_fact(path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gold, campaign, library_map = _import(path)
    owners = {b.library for b in ImportBatch.objects.select_related("library")}
    single = next(iter(owners)) if len(owners) == 1 and next(iter(owners)).is_library else None
    built = build(Scope(campaign, library=single))
    candidates = candidate_libraries(campaign)

    def library_of(written: str | None) -> str:
        org = library_map[None] if written is None else match_library(written, candidates)
        if org is None and single is not None:
            org = single  # the record speaks for its one library
        return org.display_name

    assert len(built.record.activities) == len(gold.activities)
    for want, got in _pairs(gold, built):
        where = f"{path.stem}: {want.title}"
        assert got.kind == want.kind, where
        assert got.title == (want.title or "").strip()[:300] or not want.title, where
        assert got.library == library_of(want.library), where
        assert got.venue == (want.venue or None), where
        assert set(got.partners) == set(want.partners), where
        assert set(got.audience) == set(want.audience), where
        assert _same_date(want.start, got.start) and _same_date(want.end, got.end), (
            where,
            (want.start, want.end),
            (got.start, got.end),
        )
        assert _figures(got.figures) == _figures(want.figures), where
    # Report-level figures: as recorded for one library; in a compiled report the bureau's
    # stated figures come back beside the totals computed for other units and measures.
    if single is not None:
        assert _figures(built.record.figures) == _figures(gold.figures)
    else:
        assert not _figures(gold.figures) - _figures(built.record.figures)
    media = Counter((m.outlet, library_of(m.library)) for m in gold.media)
    assert Counter((m.outlet, m.library) for m in built.record.media) == media
