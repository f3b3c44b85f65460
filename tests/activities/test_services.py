import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shuxiang.activities import services
from shuxiang.activities.models import Activity, Session
from shuxiang.orgs.models import AuditEntry


def _data(**overrides):
    fields = {"kind": "lecture", "title": "主题讲座", "start_date": dt.date(2016, 5, 28)}
    return services.ActivityData(**(fields | overrides))


def test_staff_create_an_activity_with_audiences_partners_one_session_and_audit(world):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(audiences=("children", "parents"), partner_names=("城郊小学", "城郊小学 ")),
        acting_user=world["staff"],
    )
    assert sorted(activity.audiences.values_list("group", flat=True)) == ["children", "parents"]
    assert [p.name for p in activity.partners.all()] == ["城郊小学"]
    assert activity.sessions.count() == 1
    assert AuditEntry.objects.filter(action="activity.create", object_id=str(activity.pk)).exists()


def test_bureau_admin_may_create_for_a_library_under_it(world):
    activity = services.create_activity(
        campaign=world["campaign"], library=world["library"], data=_data(), acting_user=world["bureau"]
    )
    assert activity.library == world["library"]


@pytest.mark.parametrize("who", ["volunteer", "neighbour"])
def test_volunteers_and_other_libraries_cannot_create(world, who):
    with pytest.raises(PermissionDenied):
        services.create_activity(
            campaign=world["campaign"], library=world["library"], data=_data(), acting_user=world[who]
        )
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": dt.date(2016, 5, 27), "start_date": dt.date(2016, 5, 29)}, "end_date"),
        ({"start_date": dt.date(2016, 5, 1)}, "start_date"),
        ({"start_date": dt.date(2016, 6, 5), "end_date": dt.date(2016, 6, 9)}, "start_date"),
        ({"start_date": dt.date(2016, 4, 1), "end_date": dt.date(2016, 5, 26)}, "start_date"),
        ({"start_date": dt.date(2016, 6, 3)}, "start_date"),
        ({"date_precision": "week"}, "date_precision"),
        ({"date_precision": "none", "signup_open": True}, "date_precision"),
        ({"kind": "karaoke"}, "kind"),
        ({"audiences": ("aliens",)}, "audiences"),
        ({"capacity": -1}, "capacity"),
        ({"daily_start_time": dt.time(18), "daily_end_time": dt.time(17)}, "daily_end_time"),
        ({"repeats_daily": True}, "daily_start_time"),
    ],
)
def test_activity_data_is_refused_with_the_field_named(world, overrides, field):
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            campaign=world["campaign"],
            library=world["library"],
            data=_data(**overrides),
            acting_user=world["staff"],
        )
    assert field in exc.value.message_dict


def test_library_that_has_not_joined_cannot_hold_an_activity(world, create_library, create_user):
    outsider = create_library(parent=world["library"].parent)
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            campaign=world["campaign"], library=outsider, data=_data(), acting_user=create_user(outsider)
        )
    assert "library" in exc.value.message_dict


def test_repeating_slot_has_a_session_per_day_and_follows_updates(world):
    data = _data(
        end_date=dt.date(2016, 6, 2),
        daily_start_time=dt.time(17),
        daily_end_time=dt.time(18),
        repeats_daily=True,
        capacity=30,
    )
    activity = services.create_activity(
        campaign=world["campaign"], library=world["library"], data=data, acting_user=world["staff"]
    )
    sessions = list(activity.sessions.all())
    assert len(sessions) == 6
    assert all(s.capacity == 30 for s in sessions)
    first = sessions[0]
    assert first.starts_at.astimezone(first.starts_at.tzinfo).hour in {9, 17}  # UTC or local
    assert (first.ends_at - first.starts_at) == dt.timedelta(hours=1)
    kept_id = first.pk
    services.update_activity(
        activity, data=dataclasses_replace(data, end_date=dt.date(2016, 5, 29)), acting_user=world["staff"]
    )
    assert activity.sessions.count() == 2
    assert activity.sessions.filter(pk=kept_id).exists()  # unchanged days keep their session row


def dataclasses_replace(data, **changes):
    import dataclasses

    return dataclasses.replace(data, **changes)


def test_multi_day_activity_has_one_session_spanning_it(world):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(end_date=dt.date(2016, 5, 31), daily_start_time=dt.time(9), daily_end_time=dt.time(17)),
        acting_user=world["staff"],
    )
    (session,) = Session.objects.filter(activity=activity)
    assert (session.ends_at - session.starts_at) == dt.timedelta(days=3, hours=8)


def test_status_follows_the_transition_table(world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    services.cancel_activity(activity, acting_user=world["staff"])
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.mark_activity_done(activity, acting_user=world["staff"])
    with pytest.raises(PermissionDenied):
        services.set_activity_status(activity, status="planned", acting_user=world["volunteer"])
    assert AuditEntry.objects.filter(action="activity.status.cancelled").count() == 1


def test_media_coverage_is_attached_and_audited(world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    media = services.add_media_coverage(
        activity=activity,
        data=services.MediaData(outlet="广元日报", date=dt.date(2016, 5, 30), headline="书香满城"),
        acting_user=world["staff"],
    )
    assert media.campaign == activity.campaign
    with pytest.raises(ValidationError):
        services.add_media_coverage(
            activity=activity,
            data=services.MediaData(outlet="x", url="javascript:alert(1)"),
            acting_user=world["staff"],
        )
    with pytest.raises(PermissionDenied):
        services.add_media_coverage(
            activity=activity, data=services.MediaData(outlet="x"), acting_user=world["volunteer"]
        )
    assert AuditEntry.objects.filter(action="media.create").count() == 1


def test_sessions_readers_signed_up_for_are_not_removed_by_new_dates(world):
    from shuxiang.readers.models import Registration

    data = _data(
        end_date=dt.date(2016, 5, 30), daily_start_time=dt.time(17), repeats_daily=True, signup_open=True
    )
    activity = services.create_activity(
        campaign=world["campaign"], library=world["library"], data=data, acting_user=world["staff"]
    )
    last = activity.sessions.order_by("starts_at").last()
    Registration.objects.create(
        session=last, activity=activity, library=activity.library, status="confirmed", walk_in_name="王"
    )
    with pytest.raises(ValidationError) as exc:
        services.update_activity(
            activity,
            data=dataclasses_replace(data, end_date=dt.date(2016, 5, 29)),
            acting_user=world["staff"],
        )
    assert "start_date" in exc.value.message_dict
    assert activity.sessions.count() == 3 and Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2016, 5, 15), dt.date(2016, 5, 30)),  # opened before the week, runs into it
        (dt.date(2016, 5, 30), dt.date(2016, 6, 20)),  # starts in the week, ends after it
        (dt.date(2016, 5, 1), dt.date(2016, 6, 30)),  # covers the whole week
        (dt.date(2016, 5, 15), dt.date(2016, 5, 27)),  # ends on the campaign's first day
    ],
)
def test_an_activity_overlapping_the_campaign_is_accepted(world, start, end):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(start_date=start, end_date=end),
        acting_user=world["staff"],
    )
    assert (activity.start_date, activity.end_date) == (start, end)


def test_allow_outside_campaign_keeps_historical_dates_wholly_outside(world):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(start_date=dt.date(2016, 5, 15)),
        acting_user=world["staff"],
        allow_outside_campaign=True,
    )
    assert activity.start_date == dt.date(2016, 5, 15)


def test_editing_an_imported_activity_outside_the_campaign_keeps_its_dates_but_not_new_ones(world):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(start_date=dt.date(2016, 5, 15)),
        acting_user=world["staff"],
        allow_outside_campaign=True,
    )
    renamed = services.update_activity(
        activity, data=_data(start_date=dt.date(2016, 5, 15), title="新名称"), acting_user=world["staff"]
    )
    assert renamed.title == "新名称"
    with pytest.raises(ValidationError) as exc:
        services.update_activity(
            activity, data=_data(start_date=dt.date(2016, 5, 16)), acting_user=world["staff"]
        )
    assert "start_date" in exc.value.message_dict


def test_an_activity_without_known_days_has_no_sessions(world):
    activity = services.create_activity(
        campaign=world["campaign"],
        library=world["library"],
        data=_data(
            start_date=world["campaign"].start_date,
            end_date=world["campaign"].end_date,
            date_precision=Activity.DatePrecision.NONE,
        ),
        acting_user=world["staff"],
    )
    assert not activity.dated and activity.sessions.count() == 0


def test_services_still_offers_the_names_callers_import_from_it():
    """Forms, views, the API, imports and the demo call ``services.add_figure`` and the like."""
    from shuxiang.activities import figures, validation

    for module, names in {
        figures: [
            "add_figure",
            "update_figure",
            "delete_figure",
            "apply_figure_changes",
            "may_hold_campaign_figures",
        ],
        validation: [
            "ActivityData",
            "FigureData",
            "MediaData",
            "figure_data_from_text",
            "validate_activity_data",
            "validate_figure_data",
            "overlaps_campaign",
        ],
    }.items():
        for name in names:
            assert getattr(services, name) is getattr(module, name), name
