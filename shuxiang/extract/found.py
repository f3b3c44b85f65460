"""A figure found in a sentence, before it becomes a record :class:`~shuxiang.record.model.Figure`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Found:
    """A figure found in a sentence; ``start`` is its offset in the sentence."""

    value: float
    qualifier: str
    unit: str
    text: str
    start: int
    measure_hint: str | None = None
    report_level: bool = False
    total: bool = False  # "a total of", "in all": the report's own unless an activity is being told
    end: int = -1  # where the number and its counted noun end ("85 new library cards"), -1 if unknown

    @property
    def stop(self) -> int:
        return self.end if self.end > self.start else self.start + 1
