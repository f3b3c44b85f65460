"""The import page with the real extraction package (no stand-in): paste, review, save."""

from __future__ import annotations

import json
import re
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from shuxiang.activities.models import Activity, Figure
from shuxiang.extract import limits
from shuxiang.imports.models import ImportBatch
from shuxiang.orgs.models import Membership
from tests.extract.word_files import make_bomb, make_docx
from tests.factories import make_library, make_user

pytestmark = pytest.mark.django_db

REPORT = (
    "图书馆服务宣传周活动总结\n\n"
    "5月28日，苍溪馆在同心广场开展免费开放主题宣传活动，现场解答免费开放咨询300多人次，"
    "发放宣传单3000多份。"
)


def test_pasted_report_is_extracted_reviewed_and_saved_once(client, guangyuan):
    """The rows are posted back exactly as the page renders them (what a user pressing Save sends)."""
    client.force_login(guangyuan.staff_of("苍溪馆"))
    review = client.post(reverse("imports:start"), {"text": REPORT})
    assert review.status_code == 200
    html = review.content.decode()
    assert len(re.findall(r'<mark class="figure"', html)) == 2
    assert not Activity.objects.exists()

    form = review.context["form"]
    data = {
        "campaign": guangyuan.campaign.pk,
        "library": guangyuan.libraries["苍溪馆"].pk,
        "base": form.initial["base"],
        "source": form.initial["source"],
        "mode": "rows",
    }
    for formset in (review.context["activity_rows"], review.context["figure_rows"]):
        data |= {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        for row in formset.forms:
            for name, field in row.fields.items():
                value = row.initial.get(name, field.initial)
                if value is not None and name != "DELETE":
                    data[row.add_prefix(name)] = value
    assert client.post(reverse("imports:save"), data).status_code == 302
    assert client.post(reverse("imports:save"), data).status_code == 302
    # However extraction splits the sentence into activities (work on it goes on), each is saved once.
    extracted = json.loads(form.initial["base"])["activities"]
    assert extracted and Activity.objects.filter(library=guangyuan.libraries["苍溪馆"]).count() == len(
        extracted
    )
    assert sorted(Figure.objects.values_list("value", flat=True)) == [300, 3000]


def test_an_extraction_crash_becomes_a_message_not_an_error_page(client, guangyuan, monkeypatch, caplog):
    from shuxiang import extract

    def broken(text: str):
        raise IndexError("a bug")

    monkeypatch.setattr(extract, "extract_text", broken)
    client.force_login(guangyuan.staff_of("苍溪馆"))
    response = client.post(reverse("imports:start"), {"text": REPORT})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert "extraction failed" in caplog.text


def test_a_zip_bomb_upload_shows_the_error_and_keeps_nothing(client, settings, tmp_path, monkeypatch):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where read_upload writes its copy
    client.force_login(make_user(make_library(), Membership.Role.STAFF))
    bomb = SimpleUploadedFile("report.docx", make_bomb(limits.MAX_XML_BYTES + 1024 * 1024))
    with translation.override("en"):
        response = client.post(reverse("imports:start"), {"file": bomb}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This Word file is too large once unpacked. Paste its text instead."
    ]
    assert "This Word file is too large once unpacked." in response.content.decode()
    assert not ImportBatch.objects.exists() and not Activity.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_uploaded_word_report_is_read_into_the_review_page(client):
    client.force_login(make_user(make_library(), Membership.Role.STAFF))
    upload = SimpleUploadedFile("report.docx", make_docx(*REPORT.split("\n\n"), picture=True))
    response = client.post(reverse("imports:start"), {"file": upload})
    assert response.status_code == 200
    assert len(re.findall(r'<mark class="figure"', response.content.decode())) == 2
    assert not ImportBatch.objects.exists()
