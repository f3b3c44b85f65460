"""The report record (report-record/1): the hub format between database, extraction and rendering.

Pure Python, no Django. See ``shared/spec/report-record.md``.
"""

from shuxiang.record.model import (
    Activity,
    Campaign,
    Figure,
    Media,
    Record,
    RecordError,
    dump,
    dumps,
    load,
    loads,
    validate,
)

__all__ = [
    "Activity",
    "Campaign",
    "Figure",
    "Media",
    "Record",
    "RecordError",
    "dump",
    "dumps",
    "load",
    "loads",
    "validate",
]
