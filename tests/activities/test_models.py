import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from shuxiang.activities.models import Activity, ActivityAudience, Figure, Session
from shuxiang.campaigns.models import Campaign, Participation


def test_activity_cannot_end_before_it_starts_in_the_database(create_activity):
    activity = create_activity()
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(end_date=activity.start_date - dt.timedelta(days=1))


def test_time_slot_must_end_after_it_starts(create_activity):
    with pytest.raises(IntegrityError), transaction.atomic():
        create_activity(daily_start_time=dt.time(18), daily_end_time=dt.time(17))


def test_figure_value_cannot_be_negative(create_activity):
    from tests.factories import make_figure

    with pytest.raises(IntegrityError), transaction.atomic():
        make_figure(create_activity(), value=Decimal(-1))


def test_audience_once_per_activity(create_activity):
    activity = create_activity(audience=("children",))
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityAudience.objects.create(activity=activity, group="children")


def test_one_session_per_start(create_activity):
    from django.utils import timezone

    activity = create_activity()
    start = timezone.now()
    Session.objects.create(activity=activity, library=activity.library, starts_at=start)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(activity=activity, library=activity.library, starts_at=start)


def test_campaign_dates_and_single_participation(create_campaign, create_library):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(campaign=campaign, library=library)
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(end_date=dt.date(2000, 1, 1))


def test_last_date_and_string_forms(create_activity):
    activity = create_activity(start_date=dt.date(2016, 5, 28))
    assert activity.last_date == dt.date(2016, 5, 28)
    assert str(activity) == activity.title
    figure = Figure(value=Decimal(3), unit="person")
    assert str(figure) == "3 person"
