import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shuxiang.campaigns import services
from shuxiang.campaigns.models import Participation
from shuxiang.orgs.models import AuditEntry, Membership, Organisation

Role = Membership.Role


def _data(**overrides):
    fields = {"name": "图书馆服务宣传周", "start_date": dt.date(2016, 5, 27), "end_date": dt.date(2016, 6, 2)}
    return services.CampaignData(**(fields | overrides))


def test_bureau_admin_creates_a_campaign_with_an_audit_row(create_library, create_user):
    library = create_library()
    admin = create_user(library.parent, Role.BUREAU_ADMIN)
    campaign = services.create_campaign(issuer=library.parent, data=_data(), acting_user=admin)
    assert campaign.issuer == library.parent
    assert AuditEntry.objects.filter(
        action="campaign.create", object_id=str(campaign.pk), actor=admin
    ).exists()


@pytest.mark.parametrize("role", [Role.LIBRARY_ADMIN, Role.STAFF, Role.VOLUNTEER])
def test_library_people_cannot_create_campaigns(create_library, create_user, role):
    library = create_library()
    with pytest.raises(PermissionDenied):
        services.create_campaign(issuer=library.parent, data=_data(), acting_user=create_user(library, role))


def test_bureau_admin_of_another_bureau_cannot_edit_the_campaign(
    create_campaign, create_library, create_user
):
    campaign = create_campaign()
    stranger = create_user(create_library().parent, Role.BUREAU_ADMIN)
    with pytest.raises(PermissionDenied):
        services.update_campaign(campaign, data=_data(name="x"), acting_user=stranger)


def test_campaign_cannot_end_before_it_starts(create_library, create_user):
    library = create_library()
    admin = create_user(library.parent, Role.BUREAU_ADMIN)
    with pytest.raises(ValidationError) as exc:
        services.create_campaign(
            issuer=library.parent, data=_data(end_date=dt.date(2016, 5, 1)), acting_user=admin
        )
    assert "end_date" in exc.value.message_dict


def test_campaign_dates_cannot_shrink_past_its_activities(create_activity, create_user):
    activity = create_activity(start_date=dt.date(2016, 6, 1))
    admin = create_user(activity.campaign.issuer, Role.BUREAU_ADMIN)
    with pytest.raises(ValidationError):
        services.update_campaign(
            activity.campaign, data=_data(end_date=dt.date(2016, 5, 30)), acting_user=admin
        )
    updated = services.update_campaign(activity.campaign, data=_data(theme="新主题"), acting_user=admin)
    assert updated.theme == "新主题"


def test_library_admin_joins_once_and_staff_cannot(create_campaign, create_library, create_user):
    campaign = create_campaign()
    library = create_library(parent=campaign.issuer)
    with pytest.raises(PermissionDenied):
        services.join_campaign(campaign, library=library, acting_user=create_user(library, Role.STAFF))
    admin = create_user(library, Role.LIBRARY_ADMIN)
    first = services.join_campaign(campaign, library=library, acting_user=admin)
    again = services.join_campaign(campaign, library=library, acting_user=admin)
    assert first == again
    assert Participation.objects.filter(campaign=campaign, library=library).count() == 1


def test_a_branch_takes_part_when_its_library_has_joined(create_campaign, create_library):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    branch = Organisation.objects.create(name="回水分馆", kind=Organisation.Kind.BRANCH, parent=library)
    assert services.is_participating(campaign, branch)
    assert not services.is_participating(campaign, create_library(parent=library.parent))


@pytest.fixture
def week_with_activities(create_campaign, create_library, create_activity, create_user):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    return {
        "campaign": campaign,
        "admin": create_user(library.parent, Role.BUREAU_ADMIN),
        "talk": create_activity(campaign=campaign, library=library, start_date=dt.date(2016, 5, 30)),
        "undated": create_activity(
            campaign=campaign,
            library=library,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            date_precision="none",
        ),
        # imported as written from a historical report: a week before the campaign
        "before": create_activity(campaign=campaign, library=library, start_date=dt.date(2016, 5, 15)),
    }


def test_campaign_dates_may_not_leave_an_activity_of_the_campaign_outside(week_with_activities):
    w = week_with_activities
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(
            w["campaign"],
            data=_data(start_date=dt.date(2016, 5, 31), end_date=dt.date(2016, 6, 6)),
            acting_user=w["admin"],
        )
    assert "start_date" in exc.value.message_dict


def test_new_campaign_dates_move_undated_activities_and_ignore_those_already_outside(week_with_activities):
    w = week_with_activities
    services.update_campaign(
        w["campaign"],
        data=_data(start_date=dt.date(2016, 5, 23), end_date=dt.date(2016, 5, 31)),
        acting_user=w["admin"],
    )
    w["undated"].refresh_from_db()
    assert (w["undated"].start_date, w["undated"].end_date) == (dt.date(2016, 5, 23), dt.date(2016, 5, 31))
    w["before"].refresh_from_db()
    assert w["before"].start_date == dt.date(2016, 5, 15)


# --------------------------------------------------------------------------- texts refused

TOO_LONG = "字" * 5000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": TOO_LONG}, "name"),  # past varchar(200): a DataError (500) on PostgreSQL
        ({"theme": TOO_LONG}, "theme"),
        ({"notice_title": TOO_LONG}, "notice_title"),
        ({"name": "宣传周\x00"}, "name"),  # PostgreSQL stores no NUL
        ({"description": "说明\x00"}, "description"),
        ({"name": "宣传周\rURL:https://evil.example"}, "name"),  # a line of its own in the .ics feed
        ({"theme": "书香\x1b[31m"}, "theme"),
        ({"theme": "书香\t中国"}, "theme"),
        ({"description": "第一段\x0b第二段"}, "description"),
    ],
)
def test_campaign_texts_the_database_or_exports_would_refuse_are_refused_and_nothing_is_written(
    create_library, create_user, overrides, field
):
    library = create_library()
    admin = create_user(library.parent, Role.BUREAU_ADMIN)
    with pytest.raises(ValidationError) as exc:
        services.create_campaign(issuer=library.parent, data=_data(**overrides), acting_user=admin)
    assert list(exc.value.message_dict) == [field]
    assert not AuditEntry.objects.filter(action="campaign.create").exists()


def test_campaign_name_and_theme_limits_are_read_from_the_model():
    from django.utils import translation

    from shuxiang.campaigns.models import Campaign

    for field in ("name", "theme"):
        limit = Campaign._meta.get_field(field).max_length
        services.validate_campaign_data(_data(**{field: "字" * limit}))
        with translation.override("en"), pytest.raises(ValidationError) as exc:
            services.validate_campaign_data(_data(**{field: "字" * (limit + 1)}))
        assert exc.value.message_dict == {
            field: [f"Keep this to {limit} characters or fewer (it has {limit + 1})."]
        }


def test_a_campaign_description_keeps_line_breaks_and_tabs():
    services.validate_campaign_data(_data(description="第一段\r\n第二段\n\t缩进"))


def test_an_update_with_a_control_character_changes_nothing(create_campaign, create_user):
    campaign = create_campaign()
    admin = create_user(campaign.issuer, Role.BUREAU_ADMIN)
    data = _data(name="宣传周\x0b", start_date=campaign.start_date, end_date=campaign.end_date)
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(campaign, data=data, acting_user=admin)
    assert list(exc.value.message_dict) == ["name"]
    campaign.refresh_from_db()
    assert "\x0b" not in campaign.name
