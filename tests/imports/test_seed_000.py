"""The QA report F-5 with the real seed file: an English compilation of several libraries' reports
(``../shared/seeds/000_536c428475f63870.txt``), saved by a bureau admin over demo-like libraries."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.models import Activity
from shuxiang.imports.library_names import CREATE
from shuxiang.orgs.models import Organisation
from tests.factories import make_campaign
from tests.shared_data import SHARED

SEED = SHARED / "seeds" / "000_536c428475f63870.txt"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is not beside the checkout"),
]

# Each name as the seed writes it -> the short name of the library it means.
MATCHED = {
    "Cangxi Library": "苍溪馆",
    "Wangcang Hall": "旺苍馆",
    "Wangcang Library": "旺苍馆",
    "Municipal Library": "市图书馆",
    "Zhaohua District Library": "昭化馆",
    "Zhaohua Library": "昭化馆",
    "Jiange Pavilion": "剑阁馆",
    "Jiange Library": "剑阁馆",
    "Chaotian District Library": "朝天馆",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def week_2026(english_names, other_bodies):
    """The demo's Guangyuan bureau (English names too) and other bodies, with a 2026 week."""
    return make_campaign(
        issuer=english_names.bureau,
        name="2026 图书馆服务宣传周",
        libraries=tuple(english_names.libraries.values()),
        start_date=dt.date(2026, 5, 26),
        end_date=dt.date(2026, 6, 1),
        report_due=None,
    )


def review_the_seed(client):
    response = client.post(reverse("imports:start"), {"text": SEED.read_text("utf-8")})
    assert response.status_code == 200
    return response


def save_as_shown(client, page, campaign, library, choose=lambda row, offered: None):
    """Press save on ``page`` for ``campaign``; ``choose`` may change a row's choice."""
    names = page.context["names"]
    base = page.context["form"].initial["base"]  # the record as extracted, as JSON
    data = {
        "campaign": campaign.pk,
        "library": library.pk,
        "base": base,
        "record": base,
        "source": page.context["form"].initial["source"],
        "mode": "json",
        "names_plan": names.plan.key(),
        "names-TOTAL_FORMS": len(names.forms),
        "names-INITIAL_FORMS": len(names.forms),
    }
    for i, form in enumerate(names.forms):
        data[f"names-{i}-names"] = form["names"].value()
        offered = [value for value, _org in names.plan.choices(form.row)]
        data[f"names-{i}-choice"] = choose(form.row, offered) or form["choice"].value()
    return client.post(reverse("imports:save"), data)


def test_the_seed_names_map_to_the_bureaus_libraries_and_no_placeholder_is_created(
    client, english_names, other_bodies, week_2026
):
    client.force_login(english_names.admin)
    libraries_before = set(Organisation.objects.filter(kind=Organisation.Kind.LIBRARY))
    page = review_the_seed(client)
    plan = page.context["names"].plan
    assert {r.names[0]: r.library for r in plan.matched} == {
        name: english_names.libraries[short] for name, short in MATCHED.items()
    }
    to_choose = {r.names[0]: r for r in plan.to_choose}
    assert to_choose["xx Library"].placeholder
    assert to_choose["Guxian Library"].elsewhere == [other_bodies.guxian]  # another bureau's: not used

    city = english_names.libraries["市图书馆"]
    response = save_as_shown(client, page, week_2026, city)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(Organisation.objects.filter(kind=Organisation.Kind.LIBRARY)) == libraries_before
    # Matched names go to their library; the rest (no name, xx Library, names left) to 市图书馆.
    expected = Counter(
        english_names.libraries[MATCHED[a.library]] if a.library in MATCHED else city
        for a in page.context["record"].activities
    )
    saved = Counter(a.library for a in Activity.objects.filter(campaign=week_2026).select_related("library"))
    assert saved == expected


def test_creating_every_name_offered_still_creates_no_placeholder(client, english_names, week_2026):
    client.force_login(english_names.admin)
    page = review_the_seed(client)
    response = save_as_shown(
        client,
        page,
        week_2026,
        english_names.libraries["市图书馆"],
        choose=lambda row, offered: CREATE if CREATE in offered else None,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = set(
        Organisation.objects.filter(parent=english_names.bureau)
        .exclude(pk__in=[o.pk for o in english_names.libraries.values()])
        .values_list("name", flat=True)
    )
    assert created == {"Guxian Library", "Gu County Library"}
    assert not Organisation.objects.filter(name__iexact="xx Library").exists()
