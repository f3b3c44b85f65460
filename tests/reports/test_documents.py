"""Rendered downloads: each format and language through the renderer, figures linked to activities."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from shuxiang.reports import documents
from shuxiang.reports.build import compiled_record, library_record


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_staff_download_their_library_report_in_every_format_and_language(
    client, filled_city, users, lang, fmt
):
    city = filled_city
    client.force_login(users["cangxi"])
    url = reverse("reports:library_download", args=[city.campaign.pk, city.cangxi.pk, lang, fmt])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == documents.CONTENT_TYPES[fmt]
    assert f"-{lang}.{fmt}" in response["Content-Disposition"]
    content = response.content
    if fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
        return
    else:
        text = content.decode("utf-8")
    assert "同心广场" in text and "陵江镇回水小学" in text and "广元晚报" in text
    assert "3,000" in text or "3000" in text


def test_html_preview_links_each_activity_figure_to_its_activity_page(filled_city, monkeypatch):
    built = library_record(filled_city.campaign, filled_city.cangxi)
    html = documents.render_built(
        built, lang="zh", fmt="html", url_for=lambda pk: f"/activities/{pk}/"
    ).decode()
    linked = set(re.findall(r'href="/activities/(\d+)/"', html))
    with_figures = {
        str(pk) for pk, a in zip(built.activity_pks, built.record.activities, strict=True) if a.figures
    }
    assert linked == with_figures


def test_inline_preview_opens_links_in_the_whole_window(client, filled_city, users):
    city = filled_city
    client.force_login(users["bureau"])
    url = reverse("reports:compiled_download", args=[city.campaign.pk, "en", "html"]) + "?inline=1"
    response = client.get(url)
    assert response["Content-Disposition"].startswith("inline")
    assert b'<base target="_top">' in response.content
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    built = compiled_record(city.campaign)
    first_with_figures = next(
        pk for pk, a in zip(built.activity_pks, built.record.activities, strict=True) if a.figures
    )
    assert f'href="{reverse("activities:detail", args=[first_with_figures])}"'.encode() in response.content


def test_fast_activity_url_matches_reverse(db):
    make = documents.activity_url_maker()
    assert make(42) == documents.activity_url(42) == reverse("activities:detail", args=[42])


def test_compiled_report_states_the_city_total_with_its_qualifier(filled_city):
    built = compiled_record(filled_city.campaign, lang="zh")
    text = documents.render_built(built, lang="zh", fmt="md").decode()
    assert "约600人次" in text  # 300多 + 200 + 近100: a lower and an upper bound give "about"


def test_year_over_year_paragraph_reaches_the_rendered_report(filled_city):
    import datetime as dt
    from decimal import Decimal

    from tests.factories import make_activity, make_campaign, make_figure

    city = filled_city
    previous = make_campaign(
        issuer=city.bureau,
        libraries=(city.cangxi,),
        start_date=dt.date(2015, 5, 27),
        end_date=dt.date(2015, 6, 2),
    )
    make_figure(
        make_activity(previous, city.cangxi),
        value=Decimal(400),
        qualifier="exact",
        unit="person_time",
        measure="inquiries",
    )
    doc = documents.document(library_record(city.campaign, city.cangxi, lang="en"), lang="en", fmt="md")
    text = doc.content.decode()
    assert "2015" in text and "400" in text
