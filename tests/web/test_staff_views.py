"""Every view that writes: who may, who may not (403), anonymous users go to log in, guessed ids."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shuxiang.activities.models import Activity, Figure, MediaCoverage, Photo
from shuxiang.campaigns.models import Campaign, Participation
from shuxiang.orgs.models import AuditEntry
from tests.factories import make_figure

GIF = (  # the smallest valid GIF: one white pixel
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def activity_post(library, **overrides):
    data = {
        "library": library.pk,
        "kind": "lecture",
        "title": "全民阅读讲座",
        "venue": "报告厅",
        "start_date": "2016-05-28",
        "end_date": "",
        "daily_start_time": "09:00",
        "daily_end_time": "11:00",
        "audiences": ["children", "parents"],
        "partners": "城郊小学\n东城社区",
        "capacity": "40",
        "visibility": "public",
        "figures-TOTAL_FORMS": "2",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "50",
        "figures-0-text": "300多人次",
        "figures-0-measure": "attendees",
        "figures-1-value": "3000",
        "figures-1-qualifier": "more_than",
        "figures-1-unit": "copy",
        "figures-1-measure": "leaflets",
    }
    return data | overrides


@pytest.fixture
def activity(world, create_activity):
    return create_activity(campaign=world["campaign"], library=world["library"], title="旧标题")


def _login(client, world, who):
    if who != "anonymous":
        client.force_login(world[who])


# ---------------------------------------------------------------- activity create


def test_staff_create_an_activity_with_two_figures(client, world):
    client.force_login(world["staff"])
    url = reverse("activities:create", args=[world["campaign"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, activity_post(world["library"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="全民阅读讲座")
    assert activity.library == world["library"]
    figures = sorted((f.value, f.qualifier, f.unit, f.measure) for f in activity.figures.all())
    assert [(int(v), q, u, m) for v, q, u, m in figures] == [
        (300, "more_than", "person_time", "attendees"),
        (3000, "more_than", "copy", "leaflets"),
    ]
    assert activity.partners.count() == 2
    assert AuditEntry.objects.filter(action="activity.create", actor=world["staff"]).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"figures-0-text": "-5人"}, "数量不能为负数"),
        ({"figures-1-value": "-3"}, "负数"),
        ({"figures-0-text": "许多人"}, "无法识别"),
        ({"figures-1-unit": "bananas"}, "bananas"),
        ({"end_date": "2016-05-20"}, "结束日期不能早于开始日期"),
        ({"start_date": "2016-07-01"}, "必须在主题活动期间"),
        ({"daily_end_time": "08:00"}, "时段的结束时间"),
        ({"capacity": "-1"}, "名额不能为负数"),
    ],
)
def test_activity_form_refuses_bad_input_with_a_message(client, world, overrides, message):
    client.force_login(world["staff"])
    response = client.post(
        reverse("activities:create", args=[world["campaign"].pk]),
        activity_post(world["library"], **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()
    assert not Figure.objects.exists()


@pytest.mark.parametrize("who", ["volunteer", "other_staff"])
def test_others_cannot_create_for_the_library(client, world, who):
    _login(client, world, who)
    response = client.post(
        reverse("activities:create", args=[world["campaign"].pk]), activity_post(world["library"])
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, world, activity):
    urls = [
        reverse("activities:create", args=[world["campaign"].pk]),
        reverse("activities:edit", args=[activity.pk]),
        reverse("activities:status", args=[activity.pk]),
        reverse("activities:media", args=[activity.pk]),
        reverse("activities:photos", args=[activity.pk]),
        reverse("campaigns:create"),
        reverse("campaigns:edit", args=[world["campaign"].pk]),
        reverse("campaigns:join", args=[world["campaign"].pk]),
        reverse("campaigns:dashboard", args=[world["campaign"].pk]),
        reverse("campaigns:bureau", args=[world["campaign"].pk]),
        reverse("orgs:audit"),
    ]
    for url in urls:
        response = client.post(url, {"status": "cancelled", "title": "x"})
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    activity.refresh_from_db()
    assert activity.status == "planned" and activity.title == "旧标题"


def test_library_not_in_the_campaign_cannot_get_the_form(client, world, create_library, create_user):
    outsider = create_library(parent=world["bureau"])
    client.force_login(create_user(outsider))
    assert client.get(reverse("activities:create", args=[world["campaign"].pk])).status_code == 403


# ---------------------------------------------------------------- activity edit and id guessing


def test_staff_edit_their_activity_and_its_figures(client, world, activity):
    keep, drop = make_figure(activity), make_figure(activity, value=5, unit="session", qualifier="exact")
    client.force_login(world["staff"])
    url = reverse("activities:edit", args=[activity.pk])
    assert client.get(url).status_code == 200
    data = activity_post(
        world["library"],
        title="新标题",
        **{
            "figures-TOTAL_FORMS": "3",
            "figures-INITIAL_FORMS": "2",
            "figures-0-id": str(keep.pk),
            "figures-0-text": "",
            "figures-0-value": "320",
            "figures-0-qualifier": "about",
            "figures-0-unit": "person_time",
            "figures-0-measure": "attendees",
            "figures-1-id": str(drop.pk),
            "figures-1-value": "5",
            "figures-1-qualifier": "exact",
            "figures-1-unit": "session",
            "figures-1-DELETE": "on",
            "figures-2-text": "近万名",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    activity.refresh_from_db()
    assert activity.title == "新标题"
    keep.refresh_from_db()
    assert (int(keep.value), keep.qualifier) == (320, "about")
    assert not Figure.objects.filter(pk=drop.pk).exists()
    assert Figure.objects.filter(activity=activity, value=10000, qualifier="nearly", unit="person").exists()


def test_staff_of_library_a_cannot_touch_library_b_activity(client, world, create_activity):
    theirs = create_activity(campaign=world["campaign"], library=world["other"], title="别人的活动")
    client.force_login(world["staff"])
    assert client.get(reverse("activities:edit", args=[theirs.pk])).status_code == 403
    assert (
        client.post(reverse("activities:edit", args=[theirs.pk]), activity_post(world["other"])).status_code
        == 403
    )
    assert (
        client.post(reverse("activities:status", args=[theirs.pk]), {"status": "cancelled"}).status_code
        == 403
    )
    assert client.post(reverse("activities:media", args=[theirs.pk]), {"outlet": "x"}).status_code == 403
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("别人的活动", "planned")
    assert not MediaCoverage.objects.exists()


def test_posting_own_form_with_another_library_id_is_refused(client, world):
    client.force_login(world["staff"])
    response = client.post(
        reverse("activities:create", args=[world["campaign"].pk]), activity_post(world["other"])
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_guessed_ids_are_404(client, world):
    client.force_login(world["staff"])
    assert client.get(reverse("activities:edit", args=[99999])).status_code == 404
    assert client.post(reverse("activities:status", args=[99999]), {"status": "done"}).status_code == 404
    assert client.get(reverse("activities:create", args=[99999])).status_code == 404


def test_a_figure_of_another_activity_cannot_be_edited_through_my_form(
    client, world, activity, create_activity
):
    theirs = make_figure(create_activity(campaign=world["campaign"], library=world["other"]))
    client.force_login(world["staff"])
    data = activity_post(
        world["library"],
        **{
            "figures-TOTAL_FORMS": "1",
            "figures-INITIAL_FORMS": "0",
            "figures-0-id": str(theirs.pk),
            "figures-0-text": "",
            "figures-0-value": "1",
            "figures-0-unit": "person",
            "figures-0-DELETE": "on",
        },
    )
    response = client.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 403
    assert Figure.objects.filter(pk=theirs.pk, value=300).exists()


def test_status_media_and_photo_by_staff(client, world, activity, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world["staff"])
    client.post(reverse("activities:status", args=[activity.pk]), {"status": "done"})
    activity.refresh_from_db()
    assert activity.status == "done"
    client.post(reverse("activities:status", args=[activity.pk]), {"status": "cancelled"})  # not allowed
    activity.refresh_from_db()
    assert activity.status == "done"
    client.post(
        reverse("activities:media", args=[activity.pk]),
        {"outlet": "广元日报", "date": "2016-05-30", "headline": "书香满城", "url": "https://example.org/a"},
    )
    assert MediaCoverage.objects.filter(activity=activity, outlet="广元日报").exists()
    client.post(
        reverse("activities:photos", args=[activity.pk]),
        {"caption": "现场", "image": SimpleUploadedFile("a.gif", GIF, content_type="image/gif")},
    )
    assert Photo.objects.filter(activity=activity, caption="现场").exists()
    not_image = SimpleUploadedFile("a.gif", b"not an image", content_type="image/gif")
    client.post(reverse("activities:photos", args=[activity.pk]), {"image": not_image})
    assert Photo.objects.count() == 1


def test_volunteer_cannot_change_status_or_add_media(client, world, activity):
    client.force_login(world["volunteer"])
    assert (
        client.post(reverse("activities:status", args=[activity.pk]), {"status": "done"}).status_code == 403
    )
    assert client.post(reverse("activities:media", args=[activity.pk]), {"outlet": "x"}).status_code == 403
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 403


# ---------------------------------------------------------------- campaigns


def campaign_post(**overrides):
    data = {
        "name": "世界读书日",
        "start_date": "2017-04-01",
        "end_date": "2017-04-30",
        "report_due": "2017-05-10",
    }
    return data | overrides


def test_bureau_admin_creates_and_edits_campaigns(client, world):
    client.force_login(world["bureau_admin"])
    assert client.post(reverse("campaigns:create"), campaign_post()).status_code == 302
    campaign = Campaign.objects.get(name="世界读书日")
    assert campaign.issuer == world["bureau"]
    response = client.post(reverse("campaigns:edit", args=[campaign.pk]), campaign_post(theme="书香"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.theme == "书香"
    response = client.post(reverse("campaigns:create"), campaign_post(end_date="2017-03-01"))
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "admin", "volunteer"])
def test_library_roles_cannot_create_or_edit_campaigns(client, world, who):
    client.force_login(world[who])
    assert client.post(reverse("campaigns:create"), campaign_post()).status_code == 403
    assert (
        client.post(reverse("campaigns:edit", args=[world["campaign"].pk]), campaign_post()).status_code
        == 403
    )
    assert Campaign.objects.count() == 1


def test_library_admin_joins_a_campaign_and_staff_cannot(client, world, create_campaign):
    campaign = create_campaign(issuer=world["bureau"])
    url = reverse("campaigns:join", args=[campaign.pk])
    client.force_login(world["staff"])
    assert client.post(url, {"library": world["library"].pk}).status_code == 403
    client.force_login(world["admin"])
    assert client.post(url, {"library": world["other"].pk}).status_code == 403  # not their library
    assert client.post(url, {"library": world["library"].pk}).status_code == 302
    assert list(Participation.objects.filter(campaign=campaign).values_list("library", flat=True)) == [
        world["library"].pk
    ]


# ---------------------------------------------------------------- dashboards and audit


def test_dashboard_shows_what_is_missing(client, world, create_activity):
    with_figures = create_activity(campaign=world["campaign"], library=world["library"], title="甲讲座")
    make_figure(with_figures)
    create_activity(campaign=world["campaign"], library=world["library"], title="乙讲座")
    client.force_login(world["staff"])
    body = client.get(reverse("campaigns:dashboard", args=[world["campaign"].pk])).content.decode()
    missing = body.split('id="missing"')[1].split("</section>")[0]
    assert "乙讲座" in missing and "甲讲座" not in missing
    assert "还没有记录媒体报道" in missing
    assert "300多人次" in body


def test_dashboard_of_another_library_is_forbidden_but_bureau_may_read_it(client, world):
    url = reverse("campaigns:dashboard", args=[world["campaign"].pk])
    client.force_login(world["staff"])
    assert client.get(url, {"library": world["other"].pk}).status_code == 403
    client.force_login(world["bureau_admin"])
    assert client.get(url, {"library": world["other"].pk}).status_code == 200
    assert client.get(url).status_code == 302  # a bureau admin lands on the bureau view


def test_bureau_view_counts_per_library(client, world, create_activity):
    create_activity(campaign=world["campaign"], library=world["library"])
    create_activity(campaign=world["campaign"], library=world["other"], status="done")
    client.force_login(world["bureau_admin"])
    response = client.get(reverse("campaigns:bureau", args=[world["campaign"].pk]))
    rows = {row["library"]: row for row in response.context["rows"]}
    assert rows[world["library"]]["total"] == 1 and rows[world["other"]]["done"] == 1
    client.force_login(world["staff"])
    assert client.get(reverse("campaigns:bureau", args=[world["campaign"].pk])).status_code == 403


def test_audit_log_for_admins_only_and_only_their_organisations(client, world, create_library, create_user):
    client.force_login(world["staff"])
    client.post(reverse("activities:create", args=[world["campaign"].pk]), activity_post(world["library"]))
    assert client.get(reverse("orgs:audit")).status_code == 403
    client.force_login(world["admin"])
    body = client.get(reverse("orgs:audit")).content.decode()
    assert "activity.create" in body
    stranger = create_user(create_library(), "library_admin")
    client.force_login(stranger)
    assert "activity.create" not in client.get(reverse("orgs:audit")).content.decode()


def test_csrf_is_enforced_on_writes(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["staff"])
    response = client.post(
        reverse("activities:create", args=[world["campaign"].pk]), activity_post(world["library"])
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_repeating_slot_from_the_form_makes_a_session_per_day(client, world):
    client.force_login(world["staff"])
    client.post(
        reverse("activities:create", args=[world["campaign"].pk]),
        activity_post(world["library"], end_date="2016-06-02", repeats_daily="on"),
    )
    activity = Activity.objects.get()
    assert activity.sessions.count() == (dt.date(2016, 6, 2) - dt.date(2016, 5, 28)).days + 1


def test_campaign_wide_figures_added_and_deleted_by_the_library_only(client, world):
    add = reverse("campaigns:figure_add", args=[world["campaign"].pk, world["library"].pk])
    client.force_login(world["other_staff"])
    assert client.post(add, {"campaign-figure-text": "1200张"}).status_code == 403
    client.force_login(world["staff"])
    client.post(add, {"campaign-figure-text": "1200张", "campaign-figure-measure": "cards_issued"})
    figure = Figure.objects.get()
    assert (figure.activity, figure.library, int(figure.value), figure.unit) == (
        None,
        world["library"],
        1200,
        "card",
    )
    client.post(add, {"campaign-figure-text": "好多"})
    assert Figure.objects.count() == 1
    delete = reverse("campaigns:figure_delete", args=[world["campaign"].pk, figure.pk])
    client.force_login(world["other_staff"])
    assert client.post(delete).status_code == 403
    client.force_login(world["volunteer"])
    assert client.post(delete).status_code == 403
    client.force_login(world["staff"])
    assert client.post(delete).status_code == 302
    assert not Figure.objects.exists()


def test_the_dashboard_links_to_the_librarys_report_page(client, world):
    client.force_login(world["staff"])
    response = client.get(reverse("campaigns:dashboard", args=[world["campaign"].pk]))
    report = reverse("reports:library", args=[world["campaign"].pk, world["library"].pk])
    assert f'href="{report}"' in response.content.decode()
    assert client.get(report).status_code == 200


def test_editing_an_imported_activity_dated_before_the_campaign_keeps_its_dates(
    client, world, create_activity
):
    activity = create_activity(
        campaign=world["campaign"], library=world["library"], start_date=dt.date(2016, 5, 15)
    )
    client.force_login(world["staff"])
    post = activity_post(world["library"], start_date="2016-05-15", title="改名后的展览")
    post |= {"daily_start_time": "", "daily_end_time": "", "capacity": ""}
    response = client.post(reverse("activities:edit", args=[activity.pk]), post)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.start_date) == ("改名后的展览", dt.date(2016, 5, 15))
    moved = client.post(reverse("activities:edit", args=[activity.pk]), post | {"start_date": "2016-05-16"})
    assert moved.status_code == 200 and "必须在主题活动期间" in moved.content.decode()
