from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shuxiang.activities import figures
from shuxiang.activities.models import Figure
from shuxiang.activities.validation import FigureData, figure_data_from_text
from shuxiang.orgs.models import AuditEntry, Membership

Role = Membership.Role


def test_figures_add_update_delete_with_permissions_and_audit(world, create_activity):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    figure = figures.add_figure(
        activity=activity, data=figure_data_from_text("300多人次"), acting_user=world["staff"]
    )
    assert (figure.campaign, figure.library) == (activity.campaign, activity.library)
    with pytest.raises(PermissionDenied):
        figures.update_figure(
            figure, data=FigureData(value=Decimal(1), unit="person"), acting_user=world["neighbour"]
        )
    figures.update_figure(
        figure, data=FigureData(value=Decimal(310), unit="person"), acting_user=world["staff"]
    )
    figure.refresh_from_db()
    assert (figure.value, figure.unit, figure.qualifier) == (Decimal(310), "person", "exact")
    figures.delete_figure(figure, acting_user=world["staff"])
    assert not Figure.objects.exists()
    assert [a.action for a in AuditEntry.objects.filter(object_type="activities.figure").order_by("id")] == [
        "figure.create",
        "figure.update",
        "figure.delete",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (FigureData(value=Decimal(-1), unit="person"), "value"),
        (FigureData(value=Decimal(1), unit="bananas"), "unit"),
        (FigureData(value=Decimal(1), unit="person", qualifier="lots"), "qualifier"),
    ],
)
def test_bad_figures_are_refused(world, create_activity, data, field):
    activity = create_activity(campaign=world["campaign"], library=world["library"])
    with pytest.raises(ValidationError) as exc:
        figures.add_figure(activity=activity, data=data, acting_user=world["staff"])
    assert field in exc.value.message_dict


def test_campaign_wide_figure_for_a_library(world):
    figure = figures.add_figure(
        campaign=world["campaign"],
        library=world["library"],
        data=FigureData(value=Decimal(1200), unit="card", measure="cards_issued"),
        acting_user=world["staff"],
    )
    assert figure.activity is None


def test_counted_figures_cannot_be_typed_over(world, create_activity):
    from tests.factories import make_figure

    figure = make_figure(create_activity(campaign=world["campaign"], library=world["library"]), counted=True)
    with pytest.raises(ValidationError):
        figures.delete_figure(figure, acting_user=world["staff"])


def test_figure_changes_cannot_reach_another_activity(world, create_activity):
    from tests.factories import make_figure

    mine = create_activity(campaign=world["campaign"], library=world["library"])
    other = make_figure(create_activity(campaign=world["campaign"], library=world["library"]))
    with pytest.raises(PermissionDenied):
        figures.apply_figure_changes(mine, deleted=[other], acting_user=world["staff"])
    assert Figure.objects.filter(pk=other.pk).exists()


def _total():
    return FigureData(value=Decimal(10000), unit="person", qualifier="nearly", measure="readers")


def test_a_bureau_admin_records_a_report_wide_figure_on_the_issuing_bureau_with_audit(world):
    bureau = world["library"].parent
    figure = figures.add_figure(
        campaign=world["campaign"], library=bureau, data=_total(), acting_user=world["bureau"]
    )
    assert (figure.library, figure.activity) == (bureau, None)
    assert AuditEntry.objects.filter(action="figure.create", organisation=bureau).exists()
    figures.delete_figure(figure, acting_user=world["bureau"])
    assert not Figure.objects.exists()


@pytest.mark.parametrize("who", ["staff", "neighbour"])
def test_library_staff_may_not_record_figures_on_the_bureau(world, who):
    with pytest.raises(PermissionDenied):
        figures.add_figure(
            campaign=world["campaign"], library=world["library"].parent, data=_total(), acting_user=world[who]
        )


def test_a_bureau_figure_must_belong_to_the_issuer_or_a_bureau_above_a_participant(world, create_user):
    from tests.factories import make_bureau

    stranger = make_bureau(name="别处文化局")
    with pytest.raises(ValidationError) as exc:
        figures.add_figure(
            campaign=world["campaign"],
            library=stranger,
            data=_total(),
            acting_user=create_user(stranger, Role.BUREAU_ADMIN),
        )
    assert "library" in exc.value.message_dict
