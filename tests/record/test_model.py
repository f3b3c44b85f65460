import copy
import json

import pytest

from shuxiang.record import RecordError, dump, dumps, load, loads
from tests.shared_data import gold_files

GOLD_FILES = gold_files()


def minimal(**overrides):
    data = {
        "schema": "report-record/1",
        "language": "zh",
        "campaign": {"name": "图书馆服务宣传周", "start": "2016-05-27", "end": "2016-06-02"},
        "libraries": [],
        "activities": [
            {
                "kind": "lecture",
                "start": "2016-05-28",
                "figures": [{"value": 60, "qualifier": "more_than", "unit": "person"}],
            }
        ],
        "figures": [],
        "media": [],
    }
    data.update(overrides)
    return data


@pytest.mark.skipif(not GOLD_FILES, reason="shared/eval/seeds/gold is not beside the checkout")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_gold_record_loads_and_dumps_back_unchanged(path):
    data = json.loads(path.read_text("utf-8"))
    assert dump(load(data)) == data


def test_record_round_trips_through_json_text():
    record = loads(json.dumps(minimal()))
    assert loads(dumps(record)) == record
    assert record.activities[0].figures[0].value == 60


def test_negative_figure_is_refused_with_its_field_named():
    data = minimal()
    data["activities"][0]["figures"][0]["value"] = -5
    with pytest.raises(RecordError, match=r"activities\[0\]\.figures\[0\]\.value: must not be negative"):
        load(data)


@pytest.mark.parametrize("bad", ["2016-13-40", "2016-02-30", "2015-02-29", "2016-00-10"])
def test_impossible_date_is_refused_with_its_field_named(bad):
    data = minimal()
    data["activities"][0]["start"] = bad
    with pytest.raises(RecordError, match=r"activities\[0\]\.start"):
        load(data)


def test_edtf_unknown_digits_and_leap_day_are_accepted():
    data = minimal()
    data["activities"][0]["start"] = "20XX-05-27"
    data["campaign"]["start"] = "2016-02-29"
    data["campaign"]["end"] = "2016-03"
    load(data)


def test_end_before_start_is_refused():
    data = minimal()
    data["campaign"]["end"] = "2016-05-01"
    with pytest.raises(RecordError, match=r"campaign\.end: 2016-05-01 is before the start"):
        load(data)


def test_schema_violations_name_the_field():
    data = minimal()
    data["activities"][0]["kind"] = "picnic"
    data["activities"][0]["figures"][0]["unit"] = "parsecs"
    with pytest.raises(RecordError) as info:
        load(data)
    paths = [p for p, _ in info.value.problems]
    assert "activities[0].kind" in paths
    assert "activities[0].figures[0].unit" in paths


def test_missing_required_key_and_non_object_are_refused():
    data = copy.deepcopy(minimal())
    del data["media"]
    with pytest.raises(RecordError, match="'media' is a required property"):
        load(data)
    with pytest.raises(RecordError, match="JSON object"):
        load([])  # type: ignore[arg-type]
    with pytest.raises(RecordError, match="not JSON"):
        loads("{")
