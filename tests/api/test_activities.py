from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuxiang.activities.models import Activity, Figure, MediaCoverage, Session
from shuxiang.activities.validation import MAX_CAPACITY
from shuxiang.orgs.models import Organisation
from tests.api.conftest import patch, post
from tests.factories import make_activity, make_figure

pytestmark = pytest.mark.django_db


def new_activity(world, **overrides) -> dict:
    return {
        "campaign_id": world.campaign.pk,
        "library_id": world.a.pk,
        "kind": "consultation",
        "title": "免费开放主题宣传",
        "start_date": "2016-05-28",
        "venue": "同心广场",
        "audiences": ["general_public"],
        "partners": ["陵江镇回水小学"],
        "figures": [{"text": "300多人次", "measure": "inquiries"}, {"value": 3000, "unit": "copy"}],
    } | overrides


def test_staff_create_an_activity_with_figures_for_their_library(world, client_for):
    response = post(client_for(world.staff_a), "/api/activities", new_activity(world))
    assert response.status_code == 201
    body = response.json()
    assert body["library"]["id"] == world.a.pk and body["audiences"] == ["general_public"]
    assert body["partners"] == ["陵江镇回水小学"]
    assert [(f["value"], f["qualifier"], f["unit"]) for f in body["figures"]] == [
        (300.0, "more_than", "person_time"),
        (3000.0, "exact", "copy"),
    ]


def test_anonymous_activity_creation_is_401(world, client_for):
    assert post(client_for(None), "/api/activities", new_activity(world)).status_code == 401
    assert Activity.objects.count() == 2


def test_staff_may_not_create_activities_for_another_library_or_as_volunteers(world, client_for):
    other = new_activity(world, library_id=world.b.pk)
    assert post(client_for(world.staff_a), "/api/activities", other).status_code == 403
    assert post(client_for(world.volunteer_a), "/api/activities", new_activity(world)).status_code == 403
    assert Activity.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2016-05-27", "start_date": "2016-05-30"}, "end_date"),
        ({"start_date": "2016-07-01"}, "start_date"),
        ({"start_date": "2016-05-01", "end_date": "2016-05-26"}, "start_date"),  # wholly before
        ({"date_precision": "fortnight"}, "date_precision"),
        ({"kind": "picnic"}, "kind"),
        ({"audiences": ["aliens"]}, "audiences"),
        ({"capacity": -3}, "capacity"),
        ({"figures": [{"value": -5, "unit": "person"}]}, "value"),
        ({"figures": [{"value": 5, "unit": "parsecs"}]}, "unit"),
        ({"figures": [{"text": "很多人"}]}, "text"),
    ],
)
def test_bad_activity_input_is_422_naming_the_field_and_writes_nothing(world, client_for, overrides, field):
    response = post(client_for(world.staff_a), "/api/activities", new_activity(world, **overrides))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert Activity.objects.count() == 2


def test_an_exhibition_opened_before_the_campaign_and_running_into_it_is_accepted(world, client_for):
    payload = new_activity(world, kind="exhibition", start_date="2016-05-15", end_date="2016-05-30")
    response = post(client_for(world.staff_a), "/api/activities", payload)
    assert response.status_code == 201, response.content
    assert (response.json()["start_date"], response.json()["date_precision"]) == ("2016-05-15", "day")


def test_list_shows_public_activities_to_anyone_and_internal_ones_to_their_staff(world, client_for):
    hidden = make_activity(campaign=world.campaign, library=world.b, visibility="internal", title="内部")
    anonymous = client_for(None).get("/api/activities").json()
    assert hidden.pk not in [a["id"] for a in anonymous["items"]] and anonymous["count"] == 2
    staff_b = client_for(world.staff_b).get("/api/activities").json()
    assert hidden.pk in [a["id"] for a in staff_b["items"]]
    assert client_for(world.staff_a).get(f"/api/activities/{hidden.pk}").status_code == 404
    assert client_for(None).get(f"/api/activities/{hidden.pk}").status_code == 404


def test_list_filters_by_library_kind_audience_and_dates(world, client_for):
    make_activity(campaign=world.campaign, library=world.a, kind="film_screening", audience=("children",))
    client = client_for(None)

    def ids(query: str) -> set[str]:
        return {a["title"] for a in client.get(f"/api/activities?{query}").json()["items"]}

    assert ids(f"library={world.b.pk}") == {"旺苍讲座"}
    assert len(ids("kind=film_screening")) == 1 and ids("audience=children") == ids("kind=film_screening")
    assert ids("date_from=2016-06-01") == set()
    assert len(ids(f"campaign={world.campaign.pk}&date_to=2016-05-27")) == 3


def test_activity_list_queries_do_not_grow_with_the_number_of_activities(world, client_for):
    client = client_for(None)
    client.get("/api/activities")  # warm up the token and content-type caches
    with CaptureQueriesContext(connection) as few:
        client.get("/api/activities?limit=100")
    for n in range(30):
        make_activity(
            campaign=world.campaign, library=world.a, audience=("children", "parents"), title=f"a{n}"
        )
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/activities?limit=100").json()["items"]) == 32
    assert len(many) == len(few)


def test_staff_update_their_activity_and_only_given_fields_change(world, client_for):
    url = f"/api/activities/{world.activity_a.pk}"
    response = patch(client_for(world.staff_a), url, {"venue": "少儿阅览室", "audiences": ["children"]})
    assert response.status_code == 200
    world.activity_a.refresh_from_db()
    assert (world.activity_a.venue, world.activity_a.title) == ("少儿阅览室", "苍溪讲座")
    assert response.json()["audiences"] == ["children"]


def test_update_is_refused_anonymous_other_library_and_bad_dates(world, client_for):
    url_b = f"/api/activities/{world.activity_b.pk}"
    assert patch(client_for(None), url_b, {"venue": "x"}).status_code == 401
    assert patch(client_for(world.staff_a), url_b, {"venue": "x"}).status_code == 403
    bad = patch(client_for(world.staff_b), url_b, {"start_date": "2016-06-01", "end_date": "2016-05-29"})
    assert bad.status_code == 422 and "end_date" in bad.json()["errors"]
    world.activity_b.refresh_from_db()
    assert world.activity_b.venue == "多媒体阅览室"


def test_cancel_follows_the_lifecycle_and_permissions(world, client_for):
    url = f"/api/activities/{world.activity_a.pk}/cancel"
    assert post(client_for(None), url).status_code == 401
    assert post(client_for(world.staff_b), url).status_code == 403
    response = post(client_for(world.staff_a), url)
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert post(client_for(world.staff_a), url).status_code == 200  # cancelling twice is a no-op
    assert post(client_for(world.staff_a), "/api/activities/999999/cancel").status_code == 404


def test_bureau_admin_reads_and_writes_every_library_under_the_bureau(world, client_for):
    client = client_for(world.bureau_admin)
    assert patch(client, f"/api/activities/{world.activity_b.pk}", {"venue": "报告厅"}).status_code == 200
    make_figure(world.activity_b)
    assert client.get(f"/api/activities/{world.activity_b.pk}").json()["figures"][0]["unit"] == "person_time"


def test_a_done_activity_cannot_be_cancelled(world, client_for):
    from shuxiang.activities.services import mark_activity_done

    mark_activity_done(world.activity_a, acting_user=world.staff_a)
    response = post(client_for(world.staff_a), f"/api/activities/{world.activity_a.pk}/cancel")
    assert response.status_code == 422 and "status" in response.json()["errors"]
    world.activity_a.refresh_from_db()
    assert world.activity_a.status == "done"


# --------------------------------------------------------------------------- what the database would refuse

TOO_LONG = "字" * 5000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 10**12}, "capacity"),  # past PostgreSQL's integer: was a 500
        ({"capacity": MAX_CAPACITY + 1, "signup_open": True}, "capacity"),  # would be as many seats
        ({"title": TOO_LONG}, "title"),
        ({"venue": TOO_LONG}, "venue"),
        ({"partners": ["陵江镇回水小学", TOO_LONG]}, "partners"),
        ({"description": "讲\x00座"}, "description"),  # PostgreSQL stores no NUL
        ({"title": "讲座\rURL:https://evil.example"}, "title"),  # a line of its own in an .ics ticket
        ({"venue": "报告厅\x1b[2J"}, "venue"),
        ({"partners": ["陵江镇\t回水小学"]}, "partners"),
        ({"description": "第一段\x0b第二段"}, "description"),
        ({"figures": [{"text": "300多人次", "measure": "到馆\r人次"}]}, "measure"),
        ({"figures": [{"text": "300多人次", "note": TOO_LONG}]}, "note"),
        ({"figures": [{"text": "1" + "0" * 30 + "人次"}]}, "value"),
    ],
)
def test_input_the_database_would_refuse_is_422_with_the_message_and_writes_nothing(
    world, client_for, overrides, field
):
    """On PostgreSQL these were DataErrors (500); on SQLite they were stored as sent."""
    before = (Activity.objects.count(), Organisation.objects.count(), Session.objects.count())
    response = post(client_for(world.staff_a), "/api/activities", new_activity(world, **overrides))
    assert response.status_code == 422, response.content
    body = response.json()
    assert list(body["errors"]) == [field] and body["detail"] == body["errors"][field][0]
    assert (Activity.objects.count(), Organisation.objects.count(), Session.objects.count()) == before
    assert not Figure.objects.exists()


def test_the_limit_messages_follow_the_request_language(world, client_for):
    client = client_for(world.staff_a)
    limit = Activity._meta.get_field("title").max_length
    title = "x" * (limit + 1)
    zh = post(client, "/api/activities", new_activity(world, title=title)).json()
    assert zh["errors"] == {"title": [f"请不超过 {limit} 个字符（现有 {limit + 1} 个）。"]}
    en = client.post(
        "/api/activities",
        new_activity(world, capacity=MAX_CAPACITY + 1),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert en["detail"].startswith(f"A session can offer at most {MAX_CAPACITY} places.")


def test_a_capacity_of_max_capacity_is_accepted(world, client_for):
    response = post(client_for(world.staff_a), "/api/activities", new_activity(world, capacity=MAX_CAPACITY))
    assert response.status_code == 201 and response.json()["capacity"] == MAX_CAPACITY


@pytest.mark.parametrize(
    ("change", "field"),
    [({"capacity": 10**12}, "capacity"), ({"title": TOO_LONG}, "title"), ({"venue": "\x00"}, "venue")],
)
def test_an_update_the_database_would_refuse_is_422_and_changes_nothing(world, client_for, change, field):
    response = patch(client_for(world.staff_a), f"/api/activities/{world.activity_a.pk}", change)
    assert response.status_code == 422 and field in response.json()["errors"]
    world.activity_a.refresh_from_db()
    assert (world.activity_a.title, world.activity_a.venue, world.activity_a.capacity) == (
        "苍溪讲座",
        "多媒体阅览室",
        None,
    )


def test_openapi_documents_the_limits_read_from_the_model(client_for):
    schemas = client_for(None).get("/api/openapi.json").json()["components"]["schemas"]
    activity_in = schemas["ActivityIn"]["properties"]
    assert activity_in["title"]["maxLength"] == Activity._meta.get_field("title").max_length
    assert activity_in["venue"]["maxLength"] == Activity._meta.get_field("venue").max_length
    assert activity_in["capacity"]["maximum"] == MAX_CAPACITY
    assert schemas["MediaIn"]["properties"]["outlet"]["maxLength"] == (
        MediaCoverage._meta.get_field("outlet").max_length
    )


# --------------------------------------------------------------------------- figures: as on the page


def test_figures_of_a_planned_activity_are_hidden_from_the_public_and_other_libraries(world, client_for):
    """As the activity page: figures in progress (with their notes) are staff-only data."""
    make_figure(world.activity_a, note="内部备注：仅完成率 40%")
    url = f"/api/activities/{world.activity_a.pk}"
    assert client_for(None).get(url).json()["figures"] == []
    assert client_for(world.staff_b).get(url).json()["figures"] == []
    assert client_for(world.volunteer_a).get(url).json()["figures"][0]["note"] == "内部备注：仅完成率 40%"
    assert client_for(world.staff_a).get(url).json()["figures"][0]["note"] == "内部备注：仅完成率 40%"


def test_figures_of_a_done_activity_are_public(world, client_for):
    from shuxiang.activities.services import mark_activity_done

    make_figure(world.activity_a)
    mark_activity_done(world.activity_a, acting_user=world.staff_a)
    figures = client_for(None).get(f"/api/activities/{world.activity_a.pk}").json()["figures"]
    assert [(f["value"], f["unit"]) for f in figures] == [(300.0, "person_time")]


def test_a_write_answers_its_staff_with_the_figures_and_a_cancelled_activity_stays_private(world, client_for):
    make_figure(world.activity_a)
    url = f"/api/activities/{world.activity_a.pk}"
    assert len(post(client_for(world.staff_a), f"{url}/cancel").json()["figures"]) == 1
    assert client_for(None).get(url).json()["figures"] == []  # cancelled is not done
