"""``shuxiang report``: the record or a rendered report from the database, clear errors for bad ids."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from shuxiang.record import model as rec


def test_report_writes_a_library_record_as_json(filled_city, tmp_path):
    out = tmp_path / "r.json"
    call_command(
        "report",
        "--campaign",
        str(filled_city.campaign.pk),
        "--library",
        str(filled_city.wangcang.pk),
        "--format",
        "json",
        "-o",
        str(out),
        stderr=StringIO(),
    )
    record = rec.loads(out.read_text("utf-8"))
    assert record.reporting_body == "旺苍县图书馆"
    assert [a.title for a in record.activities] == ["现场办证"]


def test_report_of_a_bureau_id_is_compiled_for_the_libraries_under_it(filled_city):
    stdout = StringIO()
    call_command(
        "report",
        "--campaign",
        str(filled_city.campaign.pk),
        "--library",
        str(filled_city.bureau.pk),
        "--format",
        "json",
        "--lang",
        "en",
        stdout=stdout,
    )
    data = json.loads(stdout.getvalue())
    assert data["language"] == "en"
    assert {"苍溪馆", "旺苍馆"} <= set(data["libraries"])
    assert any(f["measure"] == "cards_issued" for f in data["figures"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--campaign", "99999"], "No campaign with id 99999."),
        (["--library", "99999"], "No library or bureau with id 99999."),
        (["--format", "docx"], "docx is binary: give a file with -o."),
    ],
)
def test_report_explains_unknown_ids_and_missing_output(filled_city, args, message):
    base = {"--campaign": str(filled_city.campaign.pk)}
    argv = []
    for key, value in (base | dict(zip(args[::2], args[1::2], strict=True))).items():
        argv += [key, value]
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("report", *argv, stdout=StringIO())


def test_report_refuses_an_organisation_that_is_neither_library_nor_bureau(filled_city):
    from shuxiang.orgs.models import Organisation

    school = Organisation.objects.create(name="回水小学", kind=Organisation.Kind.SCHOOL)
    with pytest.raises(CommandError, match="not a library or bureau"):
        call_command(
            "report",
            "--campaign",
            str(filled_city.campaign.pk),
            "--library",
            str(school.pk),
            "--format",
            "json",
        )
