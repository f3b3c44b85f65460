"""The review page asks before a corrected import replaces the library's earlier one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shuxiang.activities.models import Activity, Figure
from shuxiang.imports.models import ImportBatch
from shuxiang.readers.models import Registration
from tests.factories import make_reader
from tests.imports.conftest import SOURCE, extracted
from tests.imports.test_views import rows_save_data, save_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_extraction")]


def corrected():
    rec = extracted(SOURCE)
    rec.activities[0].figures[0].value = 350
    return rec


@pytest.fixture
def imported(staff_client, guangyuan) -> ImportBatch:
    assert staff_client.post(reverse("imports:save"), save_data(guangyuan)).status_code == 302
    return ImportBatch.objects.get()


def test_saving_a_corrected_report_shows_the_warning_and_saves_nothing(staff_client, guangyuan, imported):
    response = staff_client.post(
        reverse("imports:save"), save_data(guangyuan, corrected()), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="replace-warning"' in html
    assert "苍溪馆 already has an imported report for this campaign" in html
    assert "1 activities, 2 figures). Saving will replace it." in html
    assert f'name="replaces" value="{imported.pk}"' in html
    assert 'name="replace" value="json"' in html and "Replace the earlier import" in html
    assert sorted(Figure.objects.values_list("value", flat=True)) == [300, 3000]
    assert ImportBatch.objects.get() == imported


def test_the_warning_is_in_chinese_for_a_chinese_browser(staff_client, guangyuan, imported):
    response = staff_client.post(
        reverse("imports:save"), save_data(guangyuan, corrected()), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    html = response.content.decode()
    assert "苍溪馆 在本主题活动中已有一份导入的报告" in html and "替换之前的导入" in html


def test_a_second_plain_save_is_not_a_confirmation(staff_client, guangyuan, imported):
    """The ids travel with the form, but only the replace button confirms."""
    data = save_data(guangyuan, corrected(), replaces=str(imported.pk))
    response = staff_client.post(reverse("imports:save"), data)
    assert 'id="replace-warning"' in response.content.decode()
    assert sorted(Figure.objects.values_list("value", flat=True)) == [300, 3000]


def test_confirming_replaces_the_earlier_import(staff_client, guangyuan, imported):
    old = Activity.objects.get()
    data = {**save_data(guangyuan, corrected()), "replaces": str(imported.pk), "replace": "json"}
    del data["mode"]  # the replace button is pressed, not a save button
    response = staff_client.post(reverse("imports:save"), data, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.redirect_chain[-1][0] == reverse("imports:start")
    texts = [str(m) for m in response.context["messages"]]
    assert "Replaced the earlier import of 苍溪馆: removed 1 activities and 2 figures." in texts
    assert not Activity.objects.filter(pk=old.pk).exists()
    assert sorted(Figure.objects.values_list("value", flat=True)) == [350, 3000]
    imported.refresh_from_db()
    assert imported.superseded
    assert "replaced on" in response.content.decode()  # the recent imports list says so


def test_confirming_in_rows_mode_saves_the_edited_rows(staff_client, guangyuan, imported):
    data = rows_save_data(guangyuan, **{"figures-0-value": "350"})
    warned = staff_client.post(reverse("imports:save"), data)
    assert 'name="replace" value="rows"' in warned.content.decode()
    del data["mode"]
    response = staff_client.post(
        reverse("imports:save"), {**data, "replaces": str(imported.pk), "replace": "rows"}
    )
    assert response.status_code == 302
    assert sorted(Figure.objects.values_list("value", flat=True)) == [350, 3000]


def test_another_librarys_staff_cannot_replace(client, guangyuan, imported):
    client.force_login(guangyuan.staff_of("旺苍馆"))
    data = {**save_data(guangyuan, corrected()), "replaces": str(imported.pk), "replace": "json"}
    response = client.post(reverse("imports:save"), data)
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert sorted(Figure.objects.values_list("value", flat=True)) == [300, 3000]
    imported.refresh_from_db()
    assert not imported.superseded


def test_sign_ups_on_the_earlier_import_are_named_and_no_replace_is_offered(
    staff_client, guangyuan, imported
):
    activity = Activity.objects.get()
    Registration.objects.create(
        session=activity.sessions.get(),
        activity=activity,
        library=activity.library,
        reader=make_reader(),
        status="confirmed",
    )
    response = staff_client.post(
        reverse("imports:save"), save_data(guangyuan, corrected()), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "cannot be replaced: readers signed up" in html and "免费开放主题宣传" in html
    assert 'id="replace-earlier"' not in html
    assert Activity.objects.get() == activity
