"""What the readers' models say about themselves (``str`` ends up in audit rows and the admin)."""

from __future__ import annotations

from shuxiang.readers.models import CardIssue


def test_a_card_issue_is_named_without_its_card_number_or_reader(create_activity, create_reader):
    activity = create_activity()
    reader = create_reader(name="王小明")
    issue = CardIssue.objects.create(
        activity=activity, library=activity.library, reader=reader, card_number="GY-2016-0042"
    )
    assert str(issue) == f"card issue {issue.pk}"
