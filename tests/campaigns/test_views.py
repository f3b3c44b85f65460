"""shuxiang.campaigns.views: the dashboard, the bureau page, the calendar and joining."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.models import Figure
from shuxiang.campaigns.models import Participation
from shuxiang.reports import documents
from shuxiang.reports.build import compiled_record
from tests.factories import make_figure


def _dashboard(client, world, who="staff", **params):
    client.force_login(world[who])
    return client.get(reverse("campaigns:dashboard", args=[world["campaign"].pk]), params)


def _section(body: str, marker: str) -> str:
    return body.split(marker, 1)[1].split("</section>" if "section" in marker else "</table>", 1)[0]


def _totals(body: str) -> list[tuple[str, str, str]]:
    table = body.split('id="totals"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>(.*?)</td><td class=\"total\">(.*?)</td><td>(\d+)</td></tr>", table)


@pytest.fixture
def qualified(world, create_activity):
    """The figures of the QA report: 3000余份, 300多人次 + 约200人次, 近万 + 约200 + 2000余人."""
    campaign, library = world["campaign"], world["library"]
    first = create_activity(campaign=campaign, library=library, title="宣传咨询")
    second = create_activity(campaign=campaign, library=library, title="读者活动")
    make_figure(first, value=Decimal(3000), qualifier="more_than", unit="copy", measure="leaflets")
    make_figure(first, value=Decimal(300), qualifier="more_than", unit="person_time", measure="attendees")
    make_figure(second, value=Decimal(200), qualifier="about", unit="person_time", measure="attendees")
    make_figure(first, value=Decimal(10000), qualifier="nearly", unit="person", measure="participants")
    make_figure(second, value=Decimal(200), qualifier="about", unit="person", measure="participants")
    make_figure(second, value=Decimal(2000), qualifier="more_than", unit="person", measure="participants")
    return world


# --------------------------------------------------------------------------- F-3: totals


def test_dashboard_totals_keep_their_qualifiers_and_label_measures_in_chinese(client, qualified):
    body = _dashboard(client, qualified).content.decode()
    assert _totals(body) == [
        ("参与活动", "约12200人", "3"),
        ("到场", "约500人次", "2"),
        ("发放宣传资料", "3000余份", "1"),
    ]
    table = body.split('id="totals"', 1)[1].split("</table>", 1)[0]
    assert "leaflets" not in table and "attendees" not in table and "12200<" not in table


def test_dashboard_totals_in_english(en_client, qualified):
    body = _dashboard(en_client, qualified).content.decode()
    assert _totals(body) == [
        ("participants", "about 12,200 participants", "3"),
        ("attendees", "about 500 attendances", "2"),
        ("leaflets handed out", "more than 3,000 leaflets", "1"),
    ]


@pytest.mark.parametrize(("language", "client_fixture"), [("zh", "client"), ("en", "en_client")])
def test_each_dashboard_total_reads_as_the_compiled_report_writes_it(
    request, qualified, language, client_fixture
):
    client = request.getfixturevalue(client_fixture)
    totals = _totals(_dashboard(client, qualified).content.decode())
    built = compiled_record(qualified["campaign"], lang=language)
    with translation.override("zh-hans" if language == "zh" else "en"):
        report = documents.document(built, lang=language, fmt="md").content.decode()
    quantities = [quantity for _label, quantity, _count in totals]
    assert quantities and all(quantity in report for quantity in quantities), (quantities, report)


def test_a_campaign_wide_figure_stands_for_the_activities_figures_as_in_the_report(
    client, world, create_activity
):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    make_figure(activity, value=Decimal(40), qualifier="exact", unit="card", measure="cards_issued")
    Figure.objects.create(
        campaign=world["campaign"],
        library=world["library"],
        value=Decimal(1200),
        qualifier="more_than",
        unit="card",
        measure="cards_issued",
    )
    body = _dashboard(client, world).content.decode()
    assert _totals(body) == [("办理读者证", "1200余张", "1")]
    campaign_figures = _section(body, 'id="campaign-figures"')
    shown = re.sub(r"<[^>]+>", "", campaign_figures)  # what a person reads: codes stay in value="..."
    assert "办理读者证1200余张" in shown and "cards_issued" not in shown


def test_dashboard_queries_do_not_grow_with_figures(
    client, world, create_activity, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            make_figure(create_activity(campaign=world["campaign"], library=world["library"]))

    fill(2)
    client.force_login(world["staff"])
    url = reverse("campaigns:dashboard", args=[world["campaign"].pk])
    with django_assert_max_num_queries(13) as few:
        client.get(url)
    fill(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# --------------------------------------------------------------------------- F-7: taking part


def test_dashboard_of_a_library_outside_the_campaign_offers_joining_not_a_report(client, world):
    response = _dashboard(client, world, "outsider_admin")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="report-link"' not in body and 'id="missing"' not in body
    assert "本馆尚未参加本次主题活动" in body and 'name="next" value="dashboard"' in body

    joined = client.post(
        reverse("campaigns:join", args=[world["campaign"].pk]),
        {"library": world["outsider"].pk, "next": "dashboard"},
    )
    assert joined.status_code == 302
    assert joined["Location"] == (
        reverse("campaigns:dashboard", args=[world["campaign"].pk]) + f"?library={world['outsider'].pk}"
    )
    body = client.get(joined["Location"]).content.decode()
    assert 'id="report-link"' in body and 'value="dashboard"' not in body
    report = reverse("reports:library", args=[world["campaign"].pk, world["outsider"].pk])
    assert client.get(report).status_code == 200


def test_staff_of_a_library_outside_the_campaign_are_told_who_can_enrol_it(en_client, world):
    body = _dashboard(en_client, world, "outsider_staff").content.decode()
    assert 'id="report-link"' not in body and 'value="dashboard"' not in body
    assert "The library's administrator or its bureau can enrol it." in body


@pytest.mark.parametrize("who", ["staff", "admin", "volunteer", "outsider_staff", "outsider_admin"])
@pytest.mark.parametrize("joined", [True, False])
def test_the_dashboards_report_link_is_shown_exactly_when_the_report_opens(client, world, who, joined):
    if not joined:
        Participation.objects.filter(campaign=world["campaign"]).delete()
    body = _dashboard(client, world, who).content.decode()
    library = world["outsider"] if who.startswith("outsider") else world["library"]
    report = reverse("reports:library", args=[world["campaign"].pk, library.pk])
    opens = client.get(report).status_code == 200
    assert (f'href="{report}"' in body) == opens
    assert opens == (joined and who in {"staff", "admin"})


@pytest.mark.parametrize("issued_here", [True, False])
def test_the_bureau_pages_report_link_is_shown_exactly_when_the_report_opens(
    client, world, create_library, create_campaign, create_user, issued_here
):
    county = create_library(parent=world["bureau"], kind="bureau", name="县文广局")
    county_admin = create_user(county, "bureau_admin")
    campaign = create_campaign(
        issuer=county if issued_here else world["bureau"], libraries=(world["library"],)
    )
    client.force_login(county_admin)
    body = client.get(reverse("campaigns:bureau", args=[campaign.pk])).content.decode()
    report = reverse("reports:campaign", args=[campaign.pk])
    shown = f'href="{report}"' in body
    assert shown == issued_here
    assert (client.get(report, follow=True).status_code == 200) == shown


def test_campaign_pages_link_the_dashboard_only_for_campaigns_taken_part_in(client, world, create_campaign):
    elsewhere = create_campaign(issuer=world["bureau"])
    client.force_login(world["staff"])
    for name in ("campaigns:detail", "campaigns:calendar"):
        dashboard = reverse("campaigns:dashboard", args=[world["campaign"].pk])
        assert dashboard in client.get(reverse(name, args=[world["campaign"].pk])).content.decode()
        other_dashboard = reverse("campaigns:dashboard", args=[elsewhere.pk])
        assert other_dashboard not in client.get(reverse(name, args=[elsewhere.pk])).content.decode()


# --------------------------------------------------------------------------- F-8: calendar months


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-05", "10000-01", "2016-13", "abc", "-1-5"])
def test_calendar_falls_back_to_the_campaigns_month_for_a_month_it_cannot_show(client, world, month):
    response = client.get(reverse("campaigns:calendar", args=[world["campaign"].pk]), {"month": month})
    assert response.status_code == 200
    assert response.context["month"] == world["campaign"].start_date.replace(day=1)


@pytest.mark.parametrize("month", ["9999-11", "0001-02"])
def test_calendar_shows_the_first_and_last_months_that_fit_the_calendar(client, world, month):
    response = client.get(reverse("campaigns:calendar", args=[world["campaign"].pk]), {"month": month})
    assert response.status_code == 200
    shown = response.context["month"]
    assert (shown.year, shown.month) == tuple(int(part) for part in month.split("-"))


# --------------------------------------------------------------------------- F-9: campaign-wide figure form


@pytest.mark.parametrize(
    ("client_fixture", "error"), [("client", "无法识别"), ("en_client", "cannot be read as a figure")]
)
def test_a_refused_campaign_figure_keeps_what_was_typed_with_the_error_beside_it(
    request, world, client_fixture, error
):
    client = request.getfixturevalue(client_fixture)
    client.force_login(world["staff"])
    url = reverse("campaigns:figure_add", args=[world["campaign"].pk, world["library"].pk])
    typed = {
        "campaign-figure-text": "若干",
        "campaign-figure-measure": "new_cards",
        "campaign-figure-note": "宣传周期间",
    }
    response = client.post(url, typed)
    assert response.status_code == 400
    assert not Figure.objects.exists()
    form = response.content.decode().split('id="campaign-figure-form"', 1)[1].split("</form>", 1)[0]
    for value in typed.values():
        assert f'value="{value}"' in form
    errors = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', form)
    assert errors is not None and "若干" in errors.group(1) and error in errors.group(1)


def test_an_accepted_campaign_figure_goes_back_to_the_dashboard(client, world):
    client.force_login(world["staff"])
    url = reverse("campaigns:figure_add", args=[world["campaign"].pk, world["library"].pk])
    response = client.post(url, {"campaign-figure-text": "1200张", "campaign-figure-measure": "cards_issued"})
    assert response.status_code == 302
    assert Figure.objects.get().value == Decimal(1200)


# ------------------------------------------------------------------- F-10: links a volunteer can follow


def test_volunteers_dashboard_links_activities_to_their_read_pages(client, world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"], title="没有数字的讲座")
    body = _dashboard(client, world, "volunteer").content.decode()
    assert reverse("activities:edit", args=[activity.pk]) not in body
    detail = reverse("activities:detail", args=[activity.pk])
    assert f'href="{detail}"' in _section(body, 'id="missing"')
    assert client.get(detail).status_code == 200


def test_staff_dashboard_links_activities_to_their_edit_pages(client, world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    body = _dashboard(client, world).content.decode()
    assert f'href="{reverse("activities:edit", args=[activity.pk])}"' in _section(body, 'id="missing"')


# --------------------------------------------------------------------------- F-14: wording


@pytest.mark.parametrize(("client_fixture", "button"), [("client", "筛选"), ("en_client", "Filter")])
def test_the_calendar_filter_button_reads_as_a_person_expects(request, world, client_fixture, button):
    client = request.getfixturevalue(client_fixture)
    body = client.get(reverse("campaigns:calendar", args=[world["campaign"].pk])).content.decode()
    assert f'<button type="submit">{button}</button>' in body
    assert "过滤器" not in body


@pytest.mark.parametrize(
    ("client_fixture", "joined"), [("client", "甲讲座</a>、<a"), ("en_client", "甲讲座</a>, <a")]
)
def test_activities_without_figures_are_listed_with_the_languages_separator(
    request, world, create_activity, client_fixture, joined
):
    for title in ("甲讲座", "乙讲座", "丙讲座"):
        create_activity(campaign=world["campaign"], library=world["library"], title=title)
    body = _dashboard(request.getfixturevalue(client_fixture), world).content.decode()
    assert joined in _section(body, 'id="missing"')


def test_the_campaign_form_shows_the_control_character_message_and_creates_nothing(en_client, world):
    from shuxiang.campaigns.models import Campaign

    en_client.force_login(world["bureau_admin"])
    before = Campaign.objects.count()
    response = en_client.post(
        reverse("campaigns:create"),
        {"name": "Book\x1bWeek", "start_date": "2017-04-20", "end_date": "2017-04-27"},
    )
    assert response.status_code == 400
    assert "control character (U+001B)" in response.content.decode()
    assert response.context["form"].errors["name"]
    assert Campaign.objects.count() == before


# ---------------------------------------------------------------- the campaign-wide figure form's measure


def _figure_form(body: str) -> str:
    return body.split('id="campaign-figure-form"', 1)[1].split("</form>", 1)[0]


def test_the_campaign_figure_form_offers_measures_by_label_in_chinese(client, world):
    form = _figure_form(_dashboard(client, world).content.decode())
    assert '<option value="cards_issued">办理读者证</option>' in form
    assert '<option value="leaflets">发放宣传资料</option>' in form
    shown = re.sub(r"<[^>]+>", " ", form)
    assert "cards_issued" not in shown and "leaflets" not in shown
    assert re.search(r'<label for="id_campaign-figure-measure">统计项</label>\s*<select', form)


def test_a_campaign_figure_measure_chosen_by_label_is_saved_as_its_code(client, world):
    client.force_login(world["staff"])
    url = reverse("campaigns:figure_add", args=[world["campaign"].pk, world["library"].pk])
    response = client.post(
        url, {"campaign-figure-text": "1200张", "campaign-figure-measure_choice": "cards_issued"}
    )
    assert response.status_code == 302
    assert Figure.objects.get().measure == "cards_issued"


def test_a_campaign_figure_with_a_measure_that_is_not_a_code_is_refused(client, world):
    client.force_login(world["staff"])
    url = reverse("campaigns:figure_add", args=[world["campaign"].pk, world["library"].pk])
    response = client.post(
        url,
        {
            "campaign-figure-text": "1200张",
            "campaign-figure-measure_choice": "_other",
            "campaign-figure-measure": "新办证",
        },
    )
    assert response.status_code == 400
    assert not Figure.objects.exists()
    form = _figure_form(response.content.decode())
    assert "“新办证”不是统计项代码" in form
    assert 'value="新办证"' in form and '<option value="_other" selected>' in form


@pytest.mark.parametrize("library", ["²", "9" * 19])
def test_a_dashboard_asked_for_with_an_id_that_is_no_number_shows_the_users_own(client, world, library):
    client.force_login(world["staff"])
    response = client.get(reverse("campaigns:dashboard", args=[world["campaign"].pk]), {"library": library})
    assert response.status_code == 200


@pytest.mark.parametrize("library", ["²", "9" * 19])
def test_joining_with_an_id_that_is_no_number_is_refused_not_a_500(client, world, library):
    client.force_login(world["admin"])
    response = client.post(reverse("campaigns:join", args=[world["campaign"].pk]), {"library": library})
    assert response.status_code == 403
