from __future__ import annotations

import pytest

from shuxiang.campaigns.models import Campaign
from tests.api.conftest import post
from tests.factories import make_bureau, make_library

pytestmark = pytest.mark.django_db

NEW = {
    "name": "世界读书日",
    "theme": "书香中国",
    "start_date": "2017-04-20",
    "end_date": "2017-05-20",
}


def test_anyone_lists_and_reads_campaigns(world, client_for):
    anonymous = client_for(None)
    listed = anonymous.get("/api/campaigns")
    assert listed.status_code == 200 and [c["id"] for c in listed.json()] == [world.campaign.pk]
    detail = anonymous.get(f"/api/campaigns/{world.campaign.pk}").json()
    assert detail["issuer"]["id"] == world.bureau.pk and detail["start_date"] == "2016-05-27"
    assert anonymous.get("/api/campaigns/999999").status_code == 404


def test_bureau_admin_creates_a_campaign_issued_by_their_bureau(world, client_for):
    response = post(client_for(world.bureau_admin), "/api/campaigns", NEW)
    assert response.status_code == 201
    campaign = Campaign.objects.get(pk=response.json()["id"])
    assert (campaign.issuer, campaign.name) == (world.bureau, "世界读书日")


def test_anonymous_campaign_creation_is_401(world, client_for):
    assert post(client_for(None), "/api/campaigns", NEW).status_code == 401
    assert Campaign.objects.count() == 1


def test_library_staff_and_other_bureaus_may_not_create_campaigns(world, client_for):
    assert post(client_for(world.staff_a), "/api/campaigns", NEW).status_code == 403
    assert post(client_for(world.admin_a), "/api/campaigns", NEW).status_code == 403
    other_bureau = make_bureau()
    guessing = {**NEW, "issuer_id": other_bureau.pk}
    assert post(client_for(world.bureau_admin), "/api/campaigns", guessing).status_code == 403
    assert Campaign.objects.count() == 1


def test_campaign_ending_before_it_starts_is_422_with_the_field(world, client_for):
    response = post(client_for(world.bureau_admin), "/api/campaigns", {**NEW, "end_date": "2017-04-01"})
    assert response.status_code == 422 and "end_date" in response.json()["errors"]
    malformed = post(client_for(world.bureau_admin), "/api/campaigns", {**NEW, "start_date": "someday"})
    assert malformed.status_code == 422


def test_library_admin_enrols_their_library_but_not_another(world, client_for):
    new_library = make_library(parent=world.bureau)
    campaign = Campaign.objects.create(
        name="x", issuer=world.bureau, start_date="2017-01-01", end_date="2017-01-02"
    )
    url = f"/api/campaigns/{campaign.pk}/join"
    assert post(client_for(world.admin_a), url, {"library_id": world.a.pk}).status_code == 200
    assert post(client_for(world.admin_a), url, {"library_id": new_library.pk}).status_code == 403
    assert post(client_for(None), url, {"library_id": world.a.pk}).status_code == 401
    assert post(client_for(world.admin_a), url, {"library_id": world.bureau.pk}).status_code in {403, 422}
    assert list(campaign.participations.values_list("library", flat=True)) == [world.a.pk]


# --------------------------------------------------------------------------- what the database would refuse

TOO_LONG = "字" * 5000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": TOO_LONG}, "name"),  # a DataError (500) on PostgreSQL before
        ({"theme": TOO_LONG}, "theme"),
        ({"notice_title": TOO_LONG}, "notice_title"),
        ({"name": "世界读书日\x00"}, "name"),
        ({"description": "\x00"}, "description"),
        ({"name": "世界读书日\rURL:https://evil.example"}, "name"),
        ({"theme": "书香\x0b中国"}, "theme"),
    ],
)
def test_campaign_input_the_database_or_exports_would_refuse_is_422_and_writes_nothing(
    world, client_for, overrides, field
):
    response = post(client_for(world.bureau_admin), "/api/campaigns", {**NEW, **overrides})
    assert response.status_code == 422, response.content
    body = response.json()
    assert list(body["errors"]) == [field] and body["detail"] == body["errors"][field][0]
    assert Campaign.objects.count() == 1


def test_the_campaign_length_message_follows_the_request_language(world, client_for):
    limit = Campaign._meta.get_field("name").max_length
    response = client_for(world.bureau_admin).post(
        "/api/campaigns",
        {**NEW, "name": "x" * (limit + 1)},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["errors"] == {
        "name": [f"Keep this to {limit} characters or fewer (it has {limit + 1})."]
    }


def test_openapi_documents_the_campaign_limits_read_from_the_model(client_for):
    schema = client_for(None).get("/api/openapi.json").json()["components"]["schemas"]["CampaignIn"]
    for field in ("name", "theme", "notice_title"):
        assert schema["properties"][field]["maxLength"] == Campaign._meta.get_field(field).max_length
