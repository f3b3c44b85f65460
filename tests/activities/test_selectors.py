"""Read rules of :mod:`shuxiang.activities.selectors`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from shuxiang.activities import selectors, services
from tests.factories import make_figure


@pytest.fixture
def figure(activity):
    return make_figure(activity, note="内部备注：仅完成率 40%")


@pytest.mark.parametrize("who", ["staff", "volunteer", "bureau"])
def test_staff_who_may_read_the_library_see_figures_in_progress(world, activity, figure, who):
    assert selectors.shown_figures(world[who], activity) == [figure]


@pytest.mark.parametrize("who", ["anonymous", "neighbour"])
def test_figures_of_an_activity_not_done_are_hidden_from_the_public_and_other_libraries(
    world, activity, figure, who
):
    user = AnonymousUser() if who == "anonymous" else world[who]
    assert selectors.shown_figures(user, activity) == []
    services.cancel_activity(activity, acting_user=world["staff"])
    assert selectors.shown_figures(user, activity) == []


def test_figures_of_a_done_activity_are_shown_to_everyone(world, activity, figure):
    done = services.mark_activity_done(activity, acting_user=world["staff"])
    assert selectors.shown_figures(AnonymousUser(), done) == [figure]
    assert selectors.shown_figures(world["neighbour"], done) == [figure]
