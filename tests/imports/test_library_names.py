"""The report's library names as the review page lists them (shuxiang.imports.library_names)."""

from __future__ import annotations

import copy

import pytest

from shuxiang.imports.forms import campaigns_for
from shuxiang.imports.library_names import CREATE, DEFAULT, plan_names, scope_for
from shuxiang.imports.placement import TO_DEFAULT, NewLibrary
from shuxiang.record import Record
from tests.factories import make_campaign
from tests.imports.test_services import small_record

pytestmark = pytest.mark.django_db


def naming(*names: str) -> Record:
    """A record with one activity for each name."""
    rec = small_record(names[0])
    rec.activities = [copy.deepcopy(rec.activities[0]) for _ in names]
    for activity, name in zip(rec.activities, names, strict=True):
        activity.library = name
    rec.libraries = list(dict.fromkeys(names))
    return rec


def test_matched_names_are_listed_with_their_library_and_the_rest_are_to_choose(english_names, other_bodies):
    rec = naming("Cangxi Library", "Cangxi Library", "xx Library", "Guxian Library", "青川县图书馆", "青川馆")
    plan = plan_names(rec, scope_for(english_names.admin, english_names.campaign))
    assert [(r.names, r.mentions, r.library) for r in plan.matched] == [
        (["Cangxi Library"], 2, english_names.libraries["苍溪馆"])
    ]
    assert [(r.names, r.placeholder, r.elsewhere) for r in plan.to_choose] == [
        (["xx Library"], True, []),
        (["Guxian Library"], False, [other_bodies.guxian]),
        (["青川县图书馆", "青川馆"], False, []),
    ]


def test_a_bureau_admin_may_create_any_but_a_placeholder_and_map_to_the_campaigns_libraries(guangyuan):
    plan = plan_names(naming("xx Library", "青川馆"), scope_for(guangyuan.admin, guangyuan.campaign))
    placeholder, qingchuan = plan.to_choose
    libraries = sorted(guangyuan.libraries.values(), key=lambda o: o.path)
    assert plan.choices(placeholder) == [(DEFAULT, None), *((str(o.pk), o) for o in libraries)]
    assert plan.choices(qingchuan)[:2] == [(DEFAULT, None), (CREATE, None)]


def test_staff_may_only_leave_a_name_or_map_it_to_their_own_library(guangyuan):
    staff = guangyuan.staff_of("苍溪馆")
    plan = plan_names(naming("青川馆"), scope_for(staff, guangyuan.campaign))
    cangxi = guangyuan.libraries["苍溪馆"]
    assert plan.choices(plan.to_choose[0]) == [(DEFAULT, None), (str(cangxi.pk), cangxi)]


def test_before_a_campaign_is_chosen_names_match_in_every_campaign_the_user_may_import_into(guangyuan):
    scope = scope_for(guangyuan.admin, None, campaigns_for(guangyuan.admin))
    plan = plan_names(naming("苍溪图书馆", "青川馆"), scope)
    assert [r.library for r in plan.rows] == [guangyuan.libraries["苍溪馆"], None]
    assert scope.may_create


def test_the_key_changes_with_what_the_page_would_say(guangyuan, other_bodies):
    rec = naming("苍溪馆", "青川馆")
    here = plan_names(rec, scope_for(guangyuan.admin, guangyuan.campaign))
    assert here.key() == plan_names(rec, scope_for(guangyuan.admin, guangyuan.campaign)).key()
    other = make_campaign(issuer=guangyuan.bureau)  # no library takes part, same bureau: same names
    assert plan_names(rec, scope_for(guangyuan.admin, other)).key() == here.key()
    staff_plan = plan_names(rec, scope_for(guangyuan.staff_of("苍溪馆"), guangyuan.campaign))
    assert staff_plan.key() != here.key()  # no "create" offered


def test_the_library_map_says_what_each_choice_means(guangyuan):
    rec = naming("苍溪馆", "xx Library", "青川县图书馆", "青川馆", "白龙馆")
    plan = plan_names(rec, scope_for(guangyuan.admin, guangyuan.campaign))
    wangcang = guangyuan.libraries["旺苍馆"]
    library_map = plan.library_map({("青川县图书馆", "青川馆"): CREATE, ("白龙馆",): str(wangcang.pk)})
    assert library_map == {
        "苍溪馆": guangyuan.libraries["苍溪馆"],  # matched: carried as the page showed it
        "xx Library": TO_DEFAULT,
        "青川县图书馆": NewLibrary("青川县图书馆"),
        "青川馆": NewLibrary("青川县图书馆"),
        "白龙馆": wangcang,
    }
