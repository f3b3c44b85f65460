from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from shuxiang import record
from shuxiang.activities.models import Activity, Figure
from shuxiang.imports import editor, extraction
from shuxiang.imports.forms import record_json
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs.models import Membership
from tests.factories import make_campaign, make_user
from tests.imports.conftest import SOURCE, extracted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_extraction")]


def rows_data(rec: record.Record) -> dict:
    """The activity and figure rows as the review page posts them, untouched."""
    data: dict = {}
    for prefix, rows, extra in (
        ("activities", editor.initial_activities(rec), {"kind": "other"}),
        ("figures", editor.initial_figures(rec), {"qualifier": "exact", "unit": "person"}),
    ):
        for i, row in enumerate([*rows, extra]):
            data |= {f"{prefix}-{i}-{k}": v for k, v in row.items()}
        data |= {f"{prefix}-TOTAL_FORMS": len(rows) + 1, f"{prefix}-INITIAL_FORMS": len(rows)}
    return data


def save_data(guangyuan, rec: record.Record | str | None = None, **extra) -> dict:
    """Save in JSON mode with ``rec`` as the record (the rows are then ignored)."""
    base = extracted(SOURCE)
    text = rec if isinstance(rec, str) else record_json(rec or base)
    return {
        "campaign": guangyuan.campaign.pk,
        "base": record_json(base),
        "record": text,
        "source": SOURCE,
        "mode": "json",
        **rows_data(base),
        **extra,
    }


def rows_save_data(guangyuan, **changes) -> dict:
    """Save in rows mode: the extracted record as ``base``, the rows changed by ``changes``."""
    return {**save_data(guangyuan), "mode": "rows", "record": "", **changes}


def test_anonymous_users_are_sent_to_log_in_and_volunteers_refused(client, guangyuan):
    response = client.get(reverse("imports:start"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user(guangyuan.libraries["苍溪馆"], Membership.Role.VOLUNTEER))
    assert client.get(reverse("imports:start")).status_code == 403
    assert client.post(reverse("imports:save"), save_data(guangyuan)).status_code == 403


def test_pasted_text_is_shown_with_its_figures_marked_and_nothing_is_saved(staff_client, guangyuan):
    response = staff_client.post(reverse("imports:start"), {"text": SOURCE})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark class="figure" id="figure-0" data-figure="0">300多人次</mark>' in html
    assert '<mark class="figure" id="figure-1" data-figure="1">3000多份</mark>' in html
    assert "免费开放主题宣传" in html and 'name="record"' in html
    assert not Activity.objects.exists() and not ImportBatch.objects.exists()


def test_an_uploaded_text_file_is_read_and_a_pdf_refused(staff_client):
    upload = SimpleUploadedFile("report.txt", SOURCE.encode("gb18030"), content_type="text/plain")
    response = staff_client.post(reverse("imports:start"), {"file": upload})
    assert response.status_code == 200 and "300多人次</mark>" in response.content.decode()
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4", content_type="application/pdf")
    with translation.override("en"):
        refused = staff_client.post(reverse("imports:start"), {"file": pdf}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200 and ".pdf" in refused.content.decode()


def test_a_file_past_10_mb_is_dropped_as_it_streams_in_and_refused(
    staff_client, settings, tmp_path, monkeypatch
):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    kept = []
    real = TemporaryFileUploadHandler.receive_data_chunk
    monkeypatch.setattr(
        TemporaryFileUploadHandler,
        "receive_data_chunk",
        lambda self, data, start: kept.append(len(data)) or real(self, data, start),
    )
    big = SimpleUploadedFile("report.txt", SOURCE.encode() * (extraction.MAX_UPLOAD_BYTES // 100))
    assert big.size > extraction.MAX_UPLOAD_BYTES
    with translation.override("en"):
        response = staff_client.post(reverse("imports:start"), {"file": big}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "The file is larger than 10 MB." in response.content.decode()
    assert 0 < sum(kept) <= extraction.MAX_UPLOAD_BYTES and list(tmp_path.iterdir()) == []


def test_an_empty_submission_asks_for_text_or_a_file(staff_client):
    response = staff_client.post(reverse("imports:start"), {"text": "  "})
    assert response.status_code == 200 and response.context["form"].errors


def test_saving_the_reviewed_record_creates_activities_and_saving_twice_does_not_duplicate(
    staff_client, guangyuan
):
    first = staff_client.post(reverse("imports:save"), save_data(guangyuan), follow=True)
    assert first.redirect_chain[-1][0] == reverse("imports:start")
    assert [m.level_tag for m in first.context["messages"]] == ["success"]
    activity = Activity.objects.get()
    assert (activity.library, activity.title) == (guangyuan.libraries["苍溪馆"], "免费开放主题宣传")
    assert activity.figures.count() == 2
    second = staff_client.post(reverse("imports:save"), save_data(guangyuan), follow=True)
    assert Activity.objects.count() == 1 and Figure.objects.count() == 2
    assert [m.level_tag for m in second.context["messages"]] == ["info"]


def test_corrections_made_in_the_review_are_what_is_saved(staff_client, guangyuan):
    corrected = extracted(SOURCE)
    corrected.activities[0].figures[0].value = 350
    corrected.activities[0].title = "免费开放宣传咨询"
    assert staff_client.post(reverse("imports:save"), save_data(guangyuan, corrected)).status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "免费开放宣传咨询"
    assert sorted(activity.figures.values_list("value", flat=True)) == [350, 3000]


def test_a_broken_record_is_shown_again_with_the_field_in_error_and_nothing_saved(staff_client, guangyuan):
    bad = record.dump(extracted(SOURCE))
    bad["activities"][0]["figures"][0]["value"] = -1
    response = staff_client.post(reverse("imports:save"), save_data(guangyuan, json.dumps(bad)))
    assert response.status_code == 400
    assert "activities[0].figures[0].value" in response.content.decode()
    not_json = staff_client.post(reverse("imports:save"), save_data(guangyuan, "{not json"))
    assert not_json.status_code == 400
    assert not Activity.objects.exists()


def test_staff_cannot_save_another_librarys_report(client, guangyuan):
    client.force_login(guangyuan.staff_of("旺苍馆"))
    response = client.post(reverse("imports:save"), save_data(guangyuan))
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert not Activity.objects.exists()


def test_only_campaigns_the_user_takes_part_in_can_be_chosen(staff_client, guangyuan):
    elsewhere = make_campaign()
    response = staff_client.post(reverse("imports:save"), {**save_data(guangyuan), "campaign": elsewhere.pk})
    assert response.status_code == 400 and "campaign" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_rows_edit_the_extracted_record_before_it_is_saved(staff_client, guangyuan):
    data = rows_save_data(
        guangyuan,
        **{
            "activities-0-title": "免费开放宣传咨询",
            "figures-0-value": "350",
            "figures-1-DELETE": "on",
            # the new figure row: 6 panels, for the whole report
            "figures-2-activity": "",
            "figures-2-value": "6",
            "figures-2-unit": "panel",
            "figures-2-text": "展板6块",
        },
    )
    response = staff_client.post(reverse("imports:save"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert activity.title == "免费开放宣传咨询"
    assert list(activity.figures.values_list("value", "unit")) == [(350, "person_time")]
    whole = Figure.objects.get(activity__isnull=True)
    assert (whole.value, whole.unit, whole.library) == (6, "panel", guangyuan.libraries["苍溪馆"])


def test_deleting_an_activity_row_drops_it_with_its_figures(staff_client, guangyuan):
    data = rows_save_data(guangyuan, **{"activities-0-DELETE": "on"})
    response = staff_client.post(reverse("imports:save"), data)
    assert response.status_code == 302
    assert not Activity.objects.exists() and not Figure.objects.exists()


def test_bad_rows_are_shown_again_with_their_errors(staff_client, guangyuan):
    data = rows_save_data(guangyuan, **{"figures-0-value": "-3", "activities-0-start": "2016-13-45"})
    response = staff_client.post(reverse("imports:save"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "activities[0].start" in html and "activities[0].figures[0].value" in html
    assert not Activity.objects.exists()
