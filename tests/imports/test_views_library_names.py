"""The review page lists the library names a save would create, and the save does what it said."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.models import Activity
from shuxiang.imports import extraction
from shuxiang.imports.forms import record_json
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs.models import Organisation
from tests.factories import make_bureau, make_campaign, make_library
from tests.imports.test_library_names import naming

pytestmark = pytest.mark.django_db

NAMES = ("Cangxi Library", "xx Library", "Guxian Library", "青川县图书馆", "青川馆")
SOURCE = "A report naming " + ", ".join(NAMES)


@pytest.fixture(autouse=True)
def fake_extraction(monkeypatch):
    monkeypatch.setattr(extraction, "extract_text", lambda text: naming(*NAMES))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, english_names, other_bodies):
    client.force_login(english_names.admin)
    return client


def review(client):
    response = client.post(reverse("imports:start"), {"text": SOURCE}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def page_data(response, campaign, **choices) -> dict:
    """What the review page posts: its fields as shown, the campaign chosen, ``choices`` by row number."""
    names = response.context["names"]
    data = {
        "campaign": campaign.pk,
        "base": record_json(naming(*NAMES)),
        "record": record_json(naming(*NAMES)),
        "source": SOURCE,
        "mode": "json",
        "names_plan": names.plan.key(),
        "names-TOTAL_FORMS": len(names.forms),
        "names-INITIAL_FORMS": len(names.forms),
    }
    for i, form in enumerate(names.forms):
        data[f"names-{i}-names"] = form["names"].value()
        data[f"names-{i}-choice"] = choices.get(f"row{i}", form["choice"].value())
    return data


def test_the_review_page_lists_each_name_it_would_create_with_a_choice(admin_client, english_names):
    html = review(admin_client).content.decode()
    assert 'id="library-names"' in html and 'name="names_plan"' in html
    assert "Cangxi Library → 苍溪县图书馆" in html  # matched: nothing to choose
    assert "青川县图书馆 / 青川馆" in html  # one new library, written two ways
    assert "An anonymised name: no library is created for it." in html
    assert "古县图书馆 (山西省图书馆学会) has this name but does not take part in this campaign" in html
    assert html.count('name="names-') >= 6 and "Create it as a new library" in html


def test_staff_are_offered_no_new_library(client, english_names, other_bodies):
    client.force_login(english_names.staff_of("苍溪馆"))
    html = review(client).content.decode()
    assert 'id="library-name-rows"' in html and "Create it as a new library" not in html


def test_by_default_nothing_is_created_and_unmatched_names_go_to_the_chosen_library(
    admin_client, english_names
):
    libraries = Organisation.objects.filter(kind=Organisation.Kind.LIBRARY).count()
    page = review(admin_client)
    city = english_names.libraries["市图书馆"]
    response = admin_client.post(
        reverse("imports:save"), {**page_data(page, english_names.campaign), "library": city.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(Activity.objects.order_by("pk").values_list("library", flat=True)) == [
        english_names.libraries["苍溪馆"].pk,
        *[city.pk] * 4,
    ]
    assert Organisation.objects.filter(kind=Organisation.Kind.LIBRARY).count() == libraries
    assert not Organisation.objects.filter(name__in=NAMES).exists()


def test_the_save_creates_and_maps_exactly_as_chosen_and_saving_again_writes_nothing(
    admin_client, english_names
):
    page = review(admin_client)
    wangcang, city = english_names.libraries["旺苍馆"], english_names.libraries["市图书馆"]
    data = {
        **page_data(page, english_names.campaign, row0=str(wangcang.pk), row2="create"),
        "library": city.pk,
    }
    response = admin_client.post(reverse("imports:save"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    qingchuan = Organisation.objects.get(name="青川县图书馆")
    assert qingchuan.parent == english_names.bureau
    assert not Organisation.objects.filter(name__in=["xx Library", "Guxian Library", "青川馆"]).exists()
    libraries = list(Activity.objects.order_by("pk").values_list("library", flat=True))
    assert libraries == [
        english_names.libraries["苍溪馆"].pk,
        wangcang.pk,
        city.pk,
        qingchuan.pk,
        qingchuan.pk,
    ]

    again = review(admin_client)  # 青川 now matches the library just created
    assert [r.names for r in again.context["names"].plan.to_choose] == [["xx Library"], ["Guxian Library"]]
    data = {**page_data(again, english_names.campaign, row0=str(wangcang.pk)), "library": city.pk}
    response = admin_client.post(reverse("imports:save"), data, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["info"]
    assert Activity.objects.count() == 5 and ImportBatch.objects.count() == 4


def test_a_library_outside_the_users_scope_cannot_be_chosen(admin_client, english_names, other_bodies):
    page = review(admin_client)
    data = page_data(page, english_names.campaign, row1=str(other_bodies.guxian.pk))
    response = admin_client.post(
        reverse("imports:save"), {**data, "library": english_names.libraries["市图书馆"].pk}
    )
    assert response.status_code == 400
    assert response.context["names"].forms[1].errors["choice"]
    assert not Activity.objects.exists()


def test_staff_cannot_post_create(client, english_names):
    client.force_login(english_names.staff_of("苍溪馆"))
    page = review(client)
    response = client.post(reverse("imports:save"), page_data(page, english_names.campaign, row2="create"))
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="青川县图书馆").exists() and not Activity.objects.exists()


def test_a_save_for_a_campaign_the_page_did_not_show_saves_nothing_and_shows_the_names_again(
    admin_client, english_names
):
    bazhong = make_library(parent=make_bureau(name="巴中市文化局"), name="青川县图书馆", short_name="青川馆")
    make_campaign(issuer=english_names.bureau, name="读书月", libraries=(bazhong,))
    page = review(admin_client)  # before a campaign is chosen: 青川 takes part in one of the bureau's
    assert [r.names for r in page.context["names"].plan.matched] == [
        ["Cangxi Library"],
        ["青川县图书馆"],
        ["青川馆"],
    ]
    data = {**page_data(page, english_names.campaign), "library": english_names.libraries["市图书馆"].pk}
    response = admin_client.post(reverse("imports:save"), data)  # the week: 青川 is no library of it
    assert response.status_code == 200 and response.context["names_changed"]
    assert (
        'id="names-changed"' in response.content.decode()
        and "青川县图书馆 / 青川馆" in response.content.decode()
    )
    assert not Activity.objects.exists()

    confirmed = {**page_data(response, english_names.campaign), "library": data["library"]}
    assert admin_client.post(reverse("imports:save"), confirmed).status_code == 302
    assert not Activity.objects.filter(library=bazhong).exists()


def test_a_tampered_or_stale_page_saves_nothing(admin_client, english_names):
    page = review(admin_client)
    data = {**page_data(page, english_names.campaign), "library": english_names.libraries["市图书馆"].pk}
    response = admin_client.post(reverse("imports:save"), {**data, "names_plan": "what another page said"})
    assert response.status_code == 200 and response.context["names_changed"]
    assert not Activity.objects.exists()


def test_a_post_without_the_pages_names_is_shown_the_names_before_anything_is_saved(
    admin_client, english_names
):
    page = review(admin_client)
    data = {k: v for k, v in page_data(page, english_names.campaign).items() if not k.startswith("names")}
    response = admin_client.post(
        reverse("imports:save"), {**data, "library": english_names.libraries["市图书馆"].pk}
    )
    assert response.status_code == 200 and response.context["names_changed"]
    assert not Activity.objects.exists() and not ImportBatch.objects.exists()
