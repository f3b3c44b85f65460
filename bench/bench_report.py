"""Compiled city report: build from the database, then render md, html, docx and pdf.

A generated city of 50 libraries, 5,000 activities and 50,000 figures in a fresh SQLite
database, then 10x that, so the growth shows. Each size runs in its own process (Django is
configured once per process, on that size's temporary database) and prints one line:

    BENCH {"name": "report_city", "libraries": 50, "activities": 5000, "figures": 50000,
           "build_s": ..., "md_s": ..., "html_s": ..., "docx_s": ..., "pdf_s": ...}

``build_s`` is the database -> record time (queries included); each ``*_s`` one render.
Run alone: ``python -m bench report``; one size: ``python -m bench.bench_report --child 1``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (("report_city", 1), ("report_city_10x", 10))
LIBRARIES, ACTIVITIES_PER_LIBRARY, FIGURES_PER_ACTIVITY = 50, 100, 10
FORMATS = ("md", "html", "docx", "pdf")


def _generate(scale: int) -> tuple[object, int, int, int]:
    """Fill the empty database; return the campaign and the counts made."""
    import datetime as dt
    from decimal import Decimal

    from shuxiang import vocab
    from shuxiang.activities.models import Activity, ActivityAudience, Figure, MediaCoverage
    from shuxiang.campaigns.models import Campaign, Participation
    from shuxiang.orgs.models import Organisation

    rnd = random.Random(20160527)
    bureau = Organisation.objects.create(name="广元市文化广播影视新闻出版局", kind=Organisation.Kind.BUREAU)
    n_libraries = LIBRARIES * scale
    libraries = [
        Organisation.objects.create(
            name=f"第{i}图书馆", short_name=f"{i}馆", kind=Organisation.Kind.LIBRARY, parent=bureau
        )
        for i in range(1, n_libraries + 1)
    ]
    partners = [
        Organisation.objects.create(name=f"第{i}小学", kind=Organisation.Kind.SCHOOL) for i in range(1, 41)
    ]
    start = dt.date(2016, 5, 27)
    campaign = Campaign.objects.create(
        name="图书馆服务宣传周",
        theme="书香中国——阅读引领未来",
        notice_title="关于开展2016年图书馆服务宣传周活动的通知",
        issuer=bureau,
        start_date=start,
        end_date=start + dt.timedelta(days=6),
        report_due=dt.date(2016, 6, 10),
    )
    Participation.objects.bulk_create(Participation(campaign=campaign, library=lib) for lib in libraries)
    kinds = sorted(vocab.KIND_CODES)
    audiences = sorted(vocab.AUDIENCE_CODES)
    activities = [
        Activity(
            campaign=campaign,
            library=lib,
            kind=rnd.choice(kinds),
            title=f"{lib.short_name}活动{j}",
            venue=rnd.choice(["多媒体阅览室", "同心广场", "少儿阅览室", "报告厅", ""]),
            start_date=start + dt.timedelta(days=rnd.randrange(7)),
            status=Activity.Status.DONE,
        )
        for lib in libraries
        for j in range(ACTIVITIES_PER_LIBRARY)
    ]
    Activity.objects.bulk_create(activities, batch_size=2000)
    ActivityAudience.objects.bulk_create(
        (ActivityAudience(activity=a, group=rnd.choice(audiences)) for a in activities), batch_size=5000
    )
    through = Activity.partners.through
    through.objects.bulk_create(
        (through(activity_id=a.pk, organisation_id=rnd.choice(partners).pk) for a in activities[::5]),
        batch_size=5000,
    )
    units = [
        ("person_time", "attendees"),
        ("person", "participants"),
        ("copy", "leaflets"),
        ("volume", "books_exhibited"),
        ("card", "cards_issued"),
        ("session", ""),
    ]
    qualifiers = ["exact"] * 6 + ["more_than"] * 3 + ["about", "nearly"]

    def figures():
        for a in activities:
            for _ in range(FIGURES_PER_ACTIVITY):
                unit, measure = rnd.choice(units)
                yield Figure(
                    campaign=campaign,
                    library=a.library,
                    activity=a,
                    value=Decimal(rnd.randrange(1, 2000)),
                    qualifier=rnd.choice(qualifiers),
                    unit=unit,
                    measure=measure,
                )

    Figure.objects.bulk_create(figures(), batch_size=5000)
    MediaCoverage.objects.bulk_create(
        MediaCoverage(campaign=campaign, library=lib, outlet="广元晚报") for lib in libraries[::3]
    )
    n_activities = len(activities)
    return campaign, n_libraries, n_activities, n_activities * FIGURES_PER_ACTIVITY


def child(scale: int, name: str) -> None:
    """One size, in a process whose Django points at a fresh temporary SQLite database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuxiang.settings")
    django.setup()
    from django.core.management import call_command

    from shuxiang.campaigns.models import Campaign
    from shuxiang.reports.build import Scope, build
    from shuxiang.reports.documents import render_built

    call_command("migrate", verbosity=0)
    campaign, n_libraries, n_activities, n_figures = _generate(scale)
    campaign = Campaign.objects.select_related("issuer").get(pk=campaign.pk)
    t0 = time.perf_counter()
    built = build(Scope(campaign), lang="zh")
    result: dict[str, object] = {
        "name": name,
        "libraries": n_libraries,
        "activities": n_activities,
        "figures": n_figures,
        "build_s": round(time.perf_counter() - t0, 3),
    }
    assert len(built.record.activities) == n_activities
    for fmt in FORMATS:
        t0 = time.perf_counter()
        render_built(built, lang="zh", fmt=fmt, url_for=lambda pk: f"/activities/{pk}/")
        result[f"{fmt}_s"] = round(time.perf_counter() - t0, 3)
    print("BENCH " + json.dumps(result), flush=True)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    for name, scale in SIZES:
        with tempfile.TemporaryDirectory(prefix="shuxiang-bench-report-") as tmp:
            env = os.environ | {
                "SHUXIANG_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                "SHUXIANG_VAR_DIR": tmp,
                "DJANGO_SETTINGS_MODULE": "shuxiang.settings",
            }
            proc = subprocess.run(
                [sys.executable, "-m", "bench.bench_report", "--child", str(scale), name],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("BENCH ")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"{name} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
        print(lines[-1], flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3])
    else:
        main()
