"""Report pages: who sees what (id guessing included), downloads, gaps, statistics."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from shuxiang.orgs.models import Membership
from tests.factories import make_bureau, make_campaign, make_library, make_user


def _login(client, user):
    client.force_login(user)
    return client


def _json(response):
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


@pytest.mark.parametrize(
    "name,args",
    [
        ("reports:index", []),
        ("reports:campaign", ["c"]),
        ("reports:compiled", ["c"]),
        ("reports:library", ["c", "l"]),
        ("reports:library_download", ["c", "l", "zh", "json"]),
        ("reports:compiled_download", ["c", "zh", "json"]),
        ("reports:campaign_stats", ["c", "xlsx"]),
        ("reports:year_stats", [2016, "csv"]),
    ],
)
def test_anonymous_users_are_sent_to_login(client, filled_city, name, args):
    ids = {"c": filled_city.campaign.pk, "l": filled_city.cangxi.pk}
    url = reverse(name, args=[ids.get(a, a) for a in args])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_download_their_own_library_record_as_json(client, filled_city, users):
    url = reverse(
        "reports:library_download", args=[filled_city.campaign.pk, filled_city.cangxi.pk, "zh", "json"]
    )
    response = _login(client, users["cangxi"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = _json(response)
    assert data["schema"] == "report-record/1"
    assert [a["title"] for a in data["activities"]] == ["免费开放主题宣传", "亲子阅读讲座", "书画展"]


@pytest.mark.parametrize("who", ["cangxi", "branch", "volunteer"])
def test_other_libraries_reports_are_404_for_staff_guessing_ids(client, filled_city, users, who):
    city = filled_city
    client = _login(client, users[who])
    for url in (
        reverse("reports:library", args=[city.campaign.pk, city.wangcang.pk]),
        reverse("reports:library_download", args=[city.campaign.pk, city.wangcang.pk, "zh", "json"]),
        reverse("reports:compiled", args=[city.campaign.pk]),
        reverse("reports:compiled_download", args=[city.campaign.pk, "en", "json"]),
        reverse("reports:library", args=[city.campaign.pk, city.bureau.pk]),  # not a library
        reverse("reports:library", args=[city.campaign.pk + 999, city.cangxi.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "旺苍" not in response.content.decode()


def test_a_branch_staff_cannot_read_its_parent_library_report(client, filled_city, users):
    city = filled_city
    url = reverse("reports:library", args=[city.campaign.pk, city.cangxi.pk])
    assert _login(client, users["branch"]).get(url).status_code == 404


def test_volunteers_get_no_report_of_their_own_library(client, filled_city, users):
    city = filled_city
    url = reverse("reports:library_download", args=[city.campaign.pk, city.cangxi.pk, "zh", "json"])
    assert _login(client, users["volunteer"]).get(url).status_code == 404


def test_a_campaign_of_another_bureau_is_404_even_for_a_bureau_admin(client, filled_city):
    stranger = make_user(make_bureau(name="外市文广新局"), Membership.Role.BUREAU_ADMIN)
    client = _login(client, stranger)
    assert client.get(reverse("reports:compiled", args=[filled_city.campaign.pk])).status_code == 404
    url = reverse("reports:campaign_stats", args=[filled_city.campaign.pk, "csv"])
    assert client.get(url).status_code == 404


def test_the_bureau_gets_the_compiled_report_and_each_library_report(client, filled_city, users):
    city = filled_city
    client = _login(client, users["bureau"])
    response = client.get(reverse("reports:campaign", args=[city.campaign.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:compiled", args=[city.campaign.pk]
    )
    page = client.get(reverse("reports:compiled", args=[city.campaign.pk])).content.decode()
    assert reverse("reports:library", args=[city.campaign.pk, city.wangcang.pk]) in page
    for lang in ("zh", "en"):
        for fmt in ("md", "html", "docx", "pdf", "json"):
            assert reverse("reports:compiled_download", args=[city.campaign.pk, lang, fmt]) in page
    compiled = _json(client.get(reverse("reports:compiled_download", args=[city.campaign.pk, "en", "json"])))
    assert {"苍溪馆", "旺苍馆"} <= set(compiled["libraries"])
    assert any(f["measure"] == "inquiries" and f["qualifier"] == "about" for f in compiled["figures"])
    wangcang = client.get(
        reverse("reports:library_download", args=[city.campaign.pk, city.wangcang.pk, "zh", "json"])
    )
    assert wangcang.status_code == 200
    assert [a["title"] for a in _json(wangcang)["activities"]] == ["现场办证"]


def test_a_bureau_that_did_not_issue_the_campaign_compiles_only_its_own_libraries(client, filled_city):
    city = filled_city
    county = make_bureau(name="县文广局", parent=city.bureau)
    county_library = make_library(county, name="县馆", short_name="县馆")
    city.campaign.participations.create(library=county_library)
    client = _login(client, make_user(county, Membership.Role.BUREAU_ADMIN))
    data = _json(client.get(reverse("reports:compiled_download", args=[city.campaign.pk, "zh", "json"])))
    assert data["libraries"] == ["县馆"]
    assert data["activities"] == []


def test_staff_campaign_page_redirects_to_their_library_and_shows_what_is_missing(client, filled_city, users):
    city = filled_city
    client = _login(client, users["wangcang"])
    response = client.get(reverse("reports:campaign", args=[city.campaign.pk]))
    assert response["Location"] == reverse("reports:library", args=[city.campaign.pk, city.wangcang.pk])
    page = client.get(response["Location"]).content.decode()
    assert "旺苍馆" in page  # no media yet
    assert "The report was due on 2016-06-10." in page or "报告已于2016-06-10截止" in page
    cangxi_page = _login(client, users["cangxi"]).get(
        reverse("reports:library", args=[city.campaign.pk, city.cangxi.pk])
    )
    assert "书画展" in cangxi_page.content.decode()  # an activity with no figure


def test_unknown_language_or_format_is_404(client, filled_city, users):
    client = _login(client, users["cangxi"])
    for lang, fmt in (("fr", "json"), ("zh", "exe")):
        url = reverse(
            "reports:library_download", args=[filled_city.campaign.pk, filled_city.cangxi.pk, lang, fmt]
        )
        assert client.get(url).status_code == 404


def test_campaign_statistics_downloads_as_xlsx_and_csv(client, filled_city, users):
    from io import BytesIO

    from openpyxl import load_workbook

    city = filled_city
    client = _login(client, users["bureau"])
    xlsx = client.get(reverse("reports:campaign_stats", args=[city.campaign.pk, "xlsx"]) + "?lang=en")
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["CN", "US PLS"]
    csv_text = client.get(
        reverse("reports:campaign_stats", args=[city.campaign.pk, "csv"]) + "?standard=us&lang=en"
    ).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("library,children 0-5: sessions")
    assert (
        client.get(
            reverse("reports:campaign_stats", args=[city.campaign.pk, "csv"]) + "?standard=xx"
        ).status_code
        == 404
    )


def test_staff_statistics_cover_only_their_own_library(client, filled_city, users):
    city = filled_city
    response = _login(client, users["wangcang"]).get(
        reverse("reports:campaign_stats", args=[city.campaign.pk, "csv"]) + "?lang=zh"
    )
    rows = response.content.decode("utf-8-sig").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["旺苍馆", "合计"]


def test_year_statistics_include_every_campaign_of_the_year_in_scope(client, filled_city, users):
    city = filled_city
    make_campaign(issuer=city.bureau, libraries=(city.cangxi,), name="世界读书日")
    response = _login(client, users["bureau"]).get(
        reverse("reports:year_stats", args=[2016, "csv"]) + "?lang=en"
    )
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[-1].startswith("total,")


def test_index_lists_visible_campaigns_only(client, filled_city, users):
    other = make_campaign(issuer=make_bureau(name="别处"), name="别处的活动")
    page = _login(client, users["cangxi"]).get(reverse("reports:index")).content.decode()
    assert reverse("reports:campaign", args=[filled_city.campaign.pk]) in page
    assert reverse("reports:campaign", args=[other.pk]) not in page
