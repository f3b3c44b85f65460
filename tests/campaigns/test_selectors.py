"""shuxiang.campaigns.selectors: who takes part, and the dashboard's totals (the report's totals)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from shuxiang.campaigns import selectors
from shuxiang.orgs.models import Membership, Organisation
from shuxiang.reports.build import Scope, scope_totals
from tests.factories import make_figure

Role = Membership.Role


def _own_figure(campaign, library, **fields):
    from shuxiang.activities.models import Figure

    values = {"campaign": campaign, "library": library, "activity": None, "qualifier": "exact"}
    return Figure.objects.create(**(values | fields))


# --------------------------------------------------------------------------- totals


def test_dashboard_totals_join_qualifiers_as_the_reports_do(create_activity):
    activity = create_activity()
    campaign, library = activity.campaign, activity.library
    make_figure(activity, value=Decimal(300), qualifier="more_than", unit="person_time", measure="attendees")
    other = create_activity(campaign=campaign, library=library)
    make_figure(other, value=Decimal(200), qualifier="about", unit="person_time", measure="attendees")
    rows = selectors.dashboard_figures(campaign, library, lang="zh").totals
    assert [(r.label, r.quantity, r.total.count) for r in rows] == [("到场", "约500人次", 2)]
    rows = selectors.dashboard_figures(campaign, library, lang="en").totals
    assert [(r.label, r.quantity) for r in rows] == [("attendees", "about 500 attendances")]


def test_dashboard_totals_equal_the_library_reports_totals(create_activity, create_library):
    """Branches in, cancelled activities out, own figures win, a service point's own figure left out."""
    activity = create_activity()
    campaign, library = activity.campaign, activity.library
    branch = create_library(parent=library, kind=Organisation.Kind.BRANCH)
    point = create_library(parent=library, kind=Organisation.Kind.SERVICE_POINT)
    make_figure(activity, value=Decimal(10000), qualifier="nearly", unit="person", measure="participants")
    at_branch = create_activity(campaign=campaign, library=branch)
    make_figure(at_branch, value=Decimal(200), qualifier="about", unit="person", measure="participants")
    make_figure(at_branch, value=Decimal(2000), qualifier="more_than", unit="person", measure="participants")
    cancelled = create_activity(campaign=campaign, library=library, status="cancelled")
    make_figure(cancelled, value=Decimal(999), qualifier="exact", unit="person", measure="participants")
    make_figure(activity, value=Decimal(40), qualifier="exact", unit="card", measure="cards_issued")
    _own_figure(campaign, library, value=Decimal(1200), unit="card", measure="cards_issued")
    _own_figure(campaign, point, value=Decimal(7), unit="copy", measure="leaflets")

    figures = selectors.dashboard_figures(campaign, library, lang="zh")
    report_totals, _activities, _libraries = scope_totals(Scope(campaign, library=library))

    assert {r.total for r in figures.totals} == set(report_totals)
    assert {r.total.key: r.quantity for r in figures.totals} == {
        ("person", "participants"): "约12200人",
        ("card", "cards_issued"): "1200张",
    }
    assert [f.value for f in figures.own] == [Decimal(1200)]


def test_durations_are_not_added_up(create_activity):
    activity = create_activity()
    make_figure(activity, value=Decimal(7), qualifier="exact", unit="day", measure="duration_days")
    assert selectors.dashboard_figures(activity.campaign, activity.library, lang="zh").totals == []


def test_dashboard_totals_take_one_query(create_activity, django_assert_num_queries):
    activity = create_activity()
    for _ in range(5):
        make_figure(activity)
    with django_assert_num_queries(1):
        selectors.dashboard_figures(activity.campaign, activity.library, lang="zh")


@pytest.mark.parametrize(("language", "separator"), [("zh-hans", "、"), ("en", ", ")])
def test_list_separator_follows_the_active_language(language, separator):
    with translation.override(language):
        assert selectors.list_separator() == separator


# --------------------------------------------------------------------------- taking part


@pytest.fixture
def tree(create_library, create_campaign, create_user):
    library = create_library()
    bureau = library.parent
    branch = create_library(parent=library, kind=Organisation.Kind.BRANCH)
    outsider = create_library(parent=bureau)
    joined = create_campaign(issuer=bureau, libraries=(library,), name="已参加")
    not_joined = create_campaign(issuer=bureau, name="未参加")
    elsewhere = create_campaign(libraries=(create_library(),), name="别处的")
    return {
        "campaigns": (joined, not_joined, elsewhere),
        "staff": create_user(library, Role.STAFF),
        "branch_staff": create_user(branch, Role.STAFF),
        "outsider_admin": create_user(outsider, Role.LIBRARY_ADMIN),
        "bureau_admin": create_user(bureau, Role.BUREAU_ADMIN),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff", {"已参加"}),
        ("branch_staff", {"已参加"}),  # the library above the branch joined
        ("outsider_admin", set()),
        ("bureau_admin", {"已参加", "未参加"}),  # the bureau covers what it issued
    ],
)
def test_campaigns_taken_part_are_those_joined_or_covered(tree, who, expected):
    campaigns = tree["campaigns"]
    ids = selectors.campaigns_taken_part(tree[who], campaigns)
    assert {c.name for c in campaigns if c.pk in ids} == expected


def test_the_public_takes_part_in_nothing_and_costs_no_query(tree, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert selectors.campaigns_taken_part(AnonymousUser(), tree["campaigns"]) == set()
