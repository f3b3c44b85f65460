"""Data migrations of the readers app, run forwards and backwards on rows made for the test."""

from __future__ import annotations

import importlib

from django.apps import apps

from shuxiang.orgs.models import AuditEntry

scrub = importlib.import_module("shuxiang.readers.migrations.0003_scrub_card_issue_audit")


def test_the_migration_scrubs_card_numbers_from_card_issue_audit_rows_and_reverses_as_a_no_op(db):
    old = AuditEntry.objects.create(
        action="card.issue",
        object_type="readers.cardissue",
        object_id="17",
        summary="GY-2016-0042",
        data={"card_number": "GY-2016-0042"},
    )
    other = AuditEntry.objects.create(
        action="reader.create", object_type="readers.reader", object_id="5", summary="reader 5"
    )
    scrub.scrub_card_issue_audit(apps, None)  # a data migration: it needs no schema editor
    old.refresh_from_db()
    assert (old.summary, old.data) == ("card issue 17", {})
    other.refresh_from_db()
    assert other.summary == "reader 5"

    migration = scrub.Migration("0003_scrub_card_issue_audit", "readers")
    operation = migration.operations[0]
    assert operation.reversible
    operation.reverse_code(apps, None)  # a no-op: the numbers are gone for good
    old.refresh_from_db()
    assert old.summary == "card issue 17"
