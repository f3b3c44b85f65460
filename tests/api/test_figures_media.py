from __future__ import annotations

import pytest

from shuxiang.activities.models import Figure, MediaCoverage
from shuxiang.orgs.models import AuditEntry
from tests.api.conftest import post
from tests.factories import make_figure

pytestmark = pytest.mark.django_db


def figures_url(activity) -> str:
    return f"/api/activities/{activity.pk}/figures"


def test_staff_add_a_figure_written_as_a_librarian_writes_it(world, client_for):
    response = post(client_for(world.staff_a), figures_url(world.activity_a), {"text": "300多人次"})
    assert response.status_code == 201
    figure = Figure.objects.get(pk=response.json()["id"])
    assert (figure.value, figure.qualifier, figure.unit, figure.source_text) == (
        300,
        "more_than",
        "person_time",
        "300多人次",
    )
    assert AuditEntry.objects.filter(action="figure.create", actor=world.staff_a).exists()


def test_staff_add_a_figure_as_value_qualifier_unit(world, client_for):
    payload = {"value": 3000, "qualifier": "about", "unit": "copy", "measure": "leaflets"}
    response = post(client_for(world.staff_a), figures_url(world.activity_a), payload)
    assert response.status_code == 201 and response.json()["qualifier"] == "about"


def test_anonymous_figure_is_401_and_another_librarys_activity_is_403(world, client_for):
    assert post(client_for(None), figures_url(world.activity_a), {"text": "5人"}).status_code == 401
    assert post(client_for(world.staff_b), figures_url(world.activity_a), {"text": "5人"}).status_code == 403
    assert (
        post(client_for(world.volunteer_a), figures_url(world.activity_a), {"text": "5人"}).status_code == 403
    )
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "-300人次"}, "text"),
        ({"value": -1, "unit": "person"}, "value"),
        ({"value": 10, "unit": "furlongs"}, "unit"),
        ({"text": "300多光年"}, "text"),
        ({"value": 10, "unit": "person", "qualifier": "roughly-ish"}, "qualifier"),
        ({}, "text"),
    ],
)
def test_bad_figures_are_422_with_the_field(world, client_for, payload, field):
    response = post(client_for(world.staff_a), figures_url(world.activity_a), payload)
    assert response.status_code == 422 and field in response.json()["errors"]
    assert not Figure.objects.exists()


def test_delete_figure_by_its_library_only(world, client_for):
    figure = make_figure(world.activity_a)
    url = f"/api/figures/{figure.pk}"
    assert client_for(None).delete(url).status_code == 401
    assert client_for(world.staff_b).delete(url).status_code == 403
    assert Figure.objects.filter(pk=figure.pk).exists()
    assert client_for(world.staff_a).delete(url).status_code == 204
    assert not Figure.objects.filter(pk=figure.pk).exists()
    assert client_for(world.staff_a).delete(url).status_code == 404


def test_counted_figures_cannot_be_deleted(world, client_for):
    figure = make_figure(world.activity_a, counted=True)
    response = client_for(world.staff_a).delete(f"/api/figures/{figure.pk}")
    assert response.status_code == 422 and Figure.objects.filter(pk=figure.pk).exists()


def test_media_coverage_is_added_by_the_librarys_staff_only(world, client_for):
    url = f"/api/activities/{world.activity_a.pk}/media"
    payload = {"outlet": "广元晚报", "date": "2016-05-29", "url": "https://example.org/news/1"}
    assert post(client_for(None), url, payload).status_code == 401
    assert post(client_for(world.staff_b), url, payload).status_code == 403
    response = post(client_for(world.staff_a), url, payload)
    assert response.status_code == 201 and response.json()["outlet"] == "广元晚报"
    bad = post(client_for(world.staff_a), url, {"outlet": "x", "url": "javascript:alert(1)"})
    assert bad.status_code == 422 and "url" in bad.json()["errors"]
    assert post(client_for(world.staff_a), url, {"outlet": " "}).status_code == 422
    assert MediaCoverage.objects.count() == 1


# --------------------------------------------------------------------------- what the database would refuse


def too_long(model, field: str) -> str:
    return "x" * (model._meta.get_field(field).max_length + 1)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"value": 10**30, "unit": "person"}, "value"),
        ({"text": "1" + "0" * 30 + "人次"}, "value"),  # too many digits to round: was a 500
        ({"text": "300人次", "note": too_long(Figure, "note")}, "note"),
        ({"text": "300人次", "measure": too_long(Figure, "measure")}, "measure"),
        ({"value": 3, "unit": "person", "note": too_long(Figure, "note")}, "note"),
        ({"text": "三" * Figure._meta.get_field("source_text").max_length + "人次"}, "text"),
        ({"value": 3, "unit": "person", "note": "内部\x00备注"}, "note"),
        ({"value": 3, "unit": "person", "measure": "到馆\t人次"}, "measure"),  # one line in exports
        ({"value": 3, "unit": "person", "note": "内部\x1b备注"}, "note"),  # a note keeps \n and \t only
    ],
)
def test_figure_input_the_database_would_refuse_is_422_with_the_field(world, client_for, payload, field):
    """On PostgreSQL these were DataErrors or decimal errors (500); on SQLite, stored as sent."""
    response = post(client_for(world.staff_a), figures_url(world.activity_a), payload)
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"outlet": too_long(MediaCoverage, "outlet")}, "outlet"),
        ({"outlet": "广元晚报", "headline": too_long(MediaCoverage, "headline")}, "headline"),
        ({"outlet": "广元晚报", "url": "https://example.org/" + too_long(MediaCoverage, "url")}, "url"),
        ({"outlet": "广元\x00晚报"}, "outlet"),
        ({"outlet": "广元\r晚报"}, "outlet"),
        ({"outlet": "广元晚报", "headline": "标题\x0b"}, "headline"),
    ],
)
def test_media_input_the_database_would_refuse_is_422_with_the_field(world, client_for, payload, field):
    response = post(client_for(world.staff_a), f"/api/activities/{world.activity_a.pk}/media", payload)
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]
    assert not MediaCoverage.objects.exists()
