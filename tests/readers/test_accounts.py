"""Reader accounts, library cards and deletion: what they leave in the audit log (privacy)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from shuxiang.orgs.models import AuditEntry, Membership
from shuxiang.orgs.services import record_audit
from shuxiang.readers import services
from shuxiang.readers.models import Reader

Role = Membership.Role


def _audit_text() -> str:
    """Every summary and data value of the audit log, as one string to search."""
    return "\n".join(
        f"{summary} {json.dumps(data, ensure_ascii=False)}"
        for summary, data in AuditEntry.objects.values_list("summary", "data")
    )


def test_issuing_a_card_writes_neither_the_number_nor_the_readers_name_to_the_audit_log(
    create_activity, create_user
):
    activity = create_activity()
    staff = create_user(activity.library, Role.STAFF)
    issue = services.register_card_at_drive(
        activity,
        name="王小明",
        age_group="adult",
        card_number="GY-2016-0042",
        phone="13812345678",
        email="wang@example.org",
        acting_user=staff,
    )
    entry = AuditEntry.objects.get(action="card.issue")
    assert entry.object_id == str(issue.pk) and entry.summary == f"card issue {issue.pk}"
    text = _audit_text()
    for personal in ("GY-2016-0042", "王小明", "13812345678", "wang@example.org"):
        assert personal not in text


def test_a_bureau_admin_reads_no_card_number_on_the_audit_page_after_the_reader_is_deleted(
    client, create_activity, create_user
):
    activity = create_activity()
    staff = create_user(activity.library, Role.STAFF)
    issue = services.register_card_at_drive(
        activity,
        name="王小明",
        age_group="adult",
        card_number="GY-2016-0042",
        phone="13812345678",
        acting_user=staff,
    )
    services.delete_reader(issue.reader, acting_user=None)
    client.force_login(create_user(activity.library.parent, Role.BUREAU_ADMIN))
    page = client.get(reverse("orgs:audit")).content.decode()
    assert "card.issue" in page and "GY-2016-0042" not in page and "王小明" not in page


def test_deleting_a_reader_scrubs_older_audit_rows_that_still_name_their_card_phone_or_e_mail(
    create_activity, create_user, create_reader
):
    activity = create_activity()
    library = activity.library
    staff = create_user(library, Role.STAFF)
    reader = create_reader(name="钱七", phone="13912345678", email="qian@example.org")
    kid = create_reader(name="钱小七", age_group="child", guardian=reader, phone="")
    issue = services.issue_card(activity, reader, "QQ-0007", acting_user=staff)
    # Rows written before the fix (or by a careless caller) that still carry personal data:
    AuditEntry.objects.filter(action="card.issue").update(summary="QQ-0007")
    record_audit("reader.admin.update", reader, acting_user=staff, organisation=library)  # str(reader)
    record_audit("reader.admin.update", kid, acting_user=staff, organisation=library)
    record_audit(
        "session.note",
        activity,
        acting_user=staff,
        organisation=library,
        data={"note": "call 13912345678 or qian@example.org"},
    )
    unrelated = record_audit("activity.update", activity, acting_user=staff, organisation=library)

    services.delete_reader(reader, acting_user=None)

    text = _audit_text()
    for personal in ("QQ-0007", "钱七", "钱小七", "13912345678", "qian@example.org"):
        assert personal not in text
    assert AuditEntry.objects.get(action="card.issue").summary == f"card issue {issue.pk}"
    assert AuditEntry.objects.filter(action="reader.admin.update").count() == 2  # scrubbed, not deleted
    unrelated.refresh_from_db()
    assert unrelated.summary == activity.title
    assert AuditEntry.objects.filter(action="reader.delete").exists()


@pytest.mark.django_db
def test_the_public_cannot_give_a_card_number_when_creating_an_account():
    with pytest.raises(PermissionDenied):
        services.register_reader(
            name="张三", phone="13812345678", age_group="adult", card_number="GY-0001", acting_user=None
        )
    assert not Reader.objects.exists()


def test_staff_at_the_desk_give_a_card_number_and_hear_when_it_is_taken(
    create_library, create_user, create_reader
):
    from django.core.exceptions import ValidationError

    library = create_library()
    staff = create_user(library, Role.STAFF)
    reader = services.register_reader(
        name="张三", phone="13812345678", age_group="adult", card_number="GY-0001", acting_user=staff
    )
    assert reader.card_number == "GY-0001"
    with pytest.raises(ValidationError) as err:
        services.register_reader(
            name="李四", phone="13812345679", age_group="adult", card_number="GY-0001", acting_user=staff
        )
    assert "card_number" in err.value.message_dict
    with pytest.raises(PermissionDenied):  # a volunteer does not issue cards
        services.register_reader(
            name="王五",
            phone="13812345670",
            age_group="adult",
            card_number="GY-0002",
            acting_user=create_user(library, Role.VOLUNTEER),
        )
