from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuxiang.activities.models import Activity
from shuxiang.imports.models import ImportBatch
from tests.api.conftest import post
from tests.factories import make_figure

pytestmark = pytest.mark.django_db

GOLD = Path(__file__).resolve().parents[2] / "shuxiang" / "demo" / "data"


def small_record(library: str = "苍溪馆", value: float = 300) -> dict:
    return {
        "schema": "report-record/1",
        "language": "zh",
        "title": "苍溪馆服务宣传周总结",
        "campaign": {"name": "图书馆服务宣传周"},
        "libraries": [library],
        "figures": [],
        "media": [],
        "activities": [
            {
                "kind": "consultation",
                "title": "免费开放主题宣传",
                "library": library,
                "start": "20XX-05-28",
                "figures": [{"value": value, "qualifier": "more_than", "unit": "person_time"}],
            }
        ],
    }


def test_record_of_a_library_is_report_record_json(world, client_for):
    make_figure(world.activity_a)
    url = f"/api/campaigns/{world.campaign.pk}/record?library={world.a.pk}"
    response = client_for(world.staff_a).get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "report-record/1"
    assert [a["title"] for a in body["activities"]] == ["苍溪讲座"]
    assert body["activities"][0]["figures"][0]["value"] == 300


def test_record_is_hidden_from_anonymous_users_and_other_libraries(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/record?library={world.a.pk}"
    assert client_for(None).get(url).status_code == 401
    assert client_for(world.staff_b).get(url).status_code == 404
    assert client_for(world.volunteer_a).get(url).status_code == 404


def test_record_without_library_gives_staff_their_own_and_the_bureau_the_compiled_one(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/record"
    own = client_for(world.staff_b).get(url).json()
    assert [a["title"] for a in own["activities"]] == ["旺苍讲座"]
    compiled = client_for(world.bureau_admin).get(url).json()
    assert {a["title"] for a in compiled["activities"]} == {"苍溪讲座", "旺苍讲座"}


def test_import_saves_a_record_once(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/import"
    client = client_for(world.staff_a)
    first = post(client, url, {"record": small_record()})
    assert first.status_code == 201, first.content
    assert first.json()["activities"] == 1 and first.json()["notes"]
    second = post(client, url, {"record": small_record()})
    assert second.status_code == 200 and second.json()["duplicate"] is True
    assert Activity.objects.filter(library=world.a).count() == 2  # the fixture's and the imported one


def test_a_corrected_import_is_refused_until_the_earlier_batch_is_named_then_replaces_it(world, client_for):
    from shuxiang.activities.models import Figure

    url = f"/api/campaigns/{world.campaign.pk}/import"
    client = client_for(world.staff_a)
    assert post(client, url, {"record": small_record(value=300)}).status_code == 201
    corrected = post(client, url, {"record": small_record(value=350)})
    assert corrected.status_code == 422
    errors = corrected.json()["errors"]
    assert errors["replace"] and len(errors["replace_batches"]) == 1
    assert list(Figure.objects.filter(activity__library=world.a, value=350)) == []  # nothing written
    confirmed = post(client, url, {"record": small_record(value=350), "replace": errors["replace_batches"]})
    assert confirmed.status_code == 201, confirmed.content
    imported = Activity.objects.filter(library=world.a, title="免费开放主题宣传")
    assert [f.value for a in imported for f in a.figures.all()] == [350]  # replaced, not added
    assert Activity.objects.filter(library=world.a).count() == 2  # the fixture's and the corrected one


def test_import_is_401_anonymous_and_403_for_another_librarys_record(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/import"
    assert post(client_for(None), url, {"record": small_record()}).status_code == 401
    assert post(client_for(world.staff_b), url, {"record": small_record()}).status_code == 403
    mapped = {"record": small_record("某馆"), "library_map": {"某馆": world.a.pk}}
    assert post(client_for(world.staff_b), url, mapped).status_code == 403
    assert not ImportBatch.objects.exists()


def test_import_refuses_an_invalid_record_naming_the_field(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/import"
    response = post(client_for(world.staff_a), url, {"record": small_record(value=-3)})
    assert response.status_code == 422
    assert "activities[0].figures[0].value" in response.json()["errors"]
    unknown = post(client_for(world.staff_a), url, {"record": small_record("青川馆")})
    assert unknown.status_code == 422 and "library" in unknown.json()["errors"]
    assert (
        post(client_for(world.staff_a), url, {"record": small_record(), "library_id": 999999}).status_code
        == 404
    )


def test_import_of_the_city_gold_record_by_the_bureau(world, client_for):
    data = json.loads((GOLD / "zh-1.json").read_text("utf-8"))
    url = f"/api/campaigns/{world.campaign.pk}/import"
    response = post(client_for(world.bureau_admin), url, {"record": data, "library_id": world.a.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["activities"] == 21
    assert "旺苍馆" not in body["created_libraries"]  # matched to 旺苍县图书馆
    assert len(body["created_libraries"]) == 4


def test_extract_reads_a_report_into_a_record_without_saving(world, client_for):
    text = (
        "图书馆服务宣传周活动总结\n\n5月28日，苍溪馆在同心广场开展免费开放主题宣传活动，"
        "现场解答免费开放咨询300多人次，发放宣传单3000多份。"
    )
    response = post(client_for(world.staff_a), "/api/extract", {"text": text})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["schema"] == "report-record/1"
    figures = [f for a in body["activities"] for f in a["figures"]] + body["figures"]
    assert {(f["value"], f["qualifier"], f["unit"]) for f in figures} == {
        (300, "more_than", "person_time"),
        (3000, "more_than", "copy"),
    }
    assert Activity.objects.count() == 2  # the fixture's: extraction saves nothing


def test_extract_needs_staff_and_some_text(world, client_for, django_user_model):
    from django.test import Client

    assert post(client_for(None), "/api/extract", {"text": "x"}).status_code == 401
    reader = django_user_model.objects.create_user("reader", password="x-unused-x")
    signed_in = Client(HTTP_HOST="localhost")
    signed_in.force_login(reader)
    assert post(signed_in, "/api/extract", {"text": "x"}).status_code == 403
    empty = post(client_for(world.staff_a), "/api/extract", {"text": "  "})
    assert empty.status_code == 422 and "text" in empty.json()["errors"]


def test_import_of_a_record_with_a_null_character_is_422_naming_the_path_and_writes_nothing(
    world, client_for
):
    """The import keeps the record as jsonb, which stores no U+0000: a DataError (500) on PostgreSQL."""
    url = f"/api/campaigns/{world.campaign.pk}/import"
    record = small_record()
    record["activities"][0]["title"] = "免费开放\x00主题宣传"
    response = post(client_for(world.staff_a), url, {"record": record})
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["record.activities[0].title"]
    assert not ImportBatch.objects.exists() and Activity.objects.count() == 2  # the fixture's


def test_import_of_a_record_with_a_control_character_in_a_title_is_422_and_writes_nothing(world, client_for):
    url = f"/api/campaigns/{world.campaign.pk}/import"
    record = small_record()
    record["activities"][0]["title"] = "免费开放\r主题宣传"
    response = post(client_for(world.staff_a), url, {"record": record})
    assert response.status_code == 422, response.content
    assert not ImportBatch.objects.exists() and Activity.objects.count() == 2
