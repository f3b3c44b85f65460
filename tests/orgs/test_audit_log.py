"""The audit page says what happened in words, in the reader's language: the action by its label,
the object by its model's name and id, and nothing that could name a reader."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import shuxiang
from shuxiang.activities import services
from shuxiang.orgs import audit
from shuxiang.orgs.models import AuditEntry, Membership

Role = Membership.Role


@pytest.fixture
def world(create_library, create_campaign, create_activity, create_user):
    library = create_library()
    campaign = create_campaign(issuer=library.parent, libraries=(library,))
    return {
        "library": library,
        "activity": create_activity(campaign=campaign, library=library),
        "staff": create_user(library, Role.STAFF),
        "admin": create_user(library, Role.LIBRARY_ADMIN),
    }


def audit_page(user, lang: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    response = client.get(reverse("orgs:audit"))
    assert response.status_code == 200
    return response.content.decode()


def add_figure(world):
    return services.add_figure(
        data=services.FigureData(value=Decimal(300), unit="person_time", qualifier="more_than"),
        activity=world["activity"],
        acting_user=world["staff"],
    )


def test_audit_page_names_the_action_and_the_object_in_chinese(world):
    figure = add_figure(world)
    body = audit_page(world["admin"], "zh-hans")
    assert "添加数字" in body and f"数字 #{figure.pk}" in body and "300多人次" in body
    assert "activities.figure" not in body and "300.00" not in body and "person_time" not in body
    assert ">figure.create<" not in body  # the code is only a tooltip


def test_audit_page_names_the_action_and_the_object_in_english(world):
    figure = add_figure(world)
    body = audit_page(world["admin"], "en")
    assert "Figure added" in body and f"figure #{figure.pk}" in body
    assert "activities.figure" not in body


def test_an_activity_is_named_by_its_title_and_media_coverage_by_its_outlet(world):
    services.add_media_coverage(
        data=services.MediaData(outlet="广元日报"), activity=world["activity"], acting_user=world["staff"]
    )
    body = audit_page(world["admin"], "zh-hans")
    assert "添加媒体报道" in body and "媒体报道 #" in body and "广元日报" in body
    assert "media.create</code>" not in body


def test_no_summary_of_a_registration_reader_or_card_is_shown(world):
    # Summaries written before the readers' audit rows were scrubbed may still name a person.
    for object_type in ("readers.registration", "readers.reader", "readers.cardissue", "auth.user"):
        AuditEntry.objects.create(
            actor=world["staff"],
            organisation=world["library"],
            action="registration.check_in",
            object_type=object_type,
            object_id="7",
            summary="张小明 13800000000",
        )
    body = audit_page(world["admin"], "zh-hans")
    assert "张小明" not in body and "13800000000" not in body
    assert "读者签到" in body and "办证记录 #7" in body


def test_admin_writes_are_labelled_by_their_verb_and_unknown_codes_kept_as_written(world):
    AuditEntry.objects.create(
        organisation=world["library"],
        action="mediacoverage.admin.update",
        object_type="activities.mediacoverage",
        object_id="4",
    )
    AuditEntry.objects.create(
        organisation=world["library"], action="something.new", object_type="nowhere.thing", object_id="1"
    )
    body = audit_page(world["admin"], "zh-hans")
    assert "在管理后台修改" in body and "媒体报道 #4" in body
    assert "<code>something.new</code>" in body and "nowhere.thing #1" in body
    with translation.override("en"):
        assert audit.action_label("photo.admin.delete") == "deleted in the admin"
        assert audit.action_label("activity.status.done") == "activity marked done"
        assert audit.action_label("something.new") is None


def _recorded_action_codes() -> set[str]:
    """Every action code passed to record_audit as a literal (or through a variable named action)."""
    codes: set[str] = set()
    for path in Path(shuxiang.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record_audit" and node.args:
                codes |= {
                    n.value
                    for n in ast.walk(node.args[0])
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                }
            named_action = isinstance(node, ast.Assign) and any(
                getattr(t, "id", None) == "action" for t in node.targets
            )
            if named_action and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                codes.add(node.value.value)
    # The parts of f-string codes ("activity.status.", ".admin.") are tested on their own below.
    return {code for code in codes if "." in code and not code.endswith(".")}


def test_every_action_code_recorded_in_the_source_has_a_label():
    codes = _recorded_action_codes()
    assert {"figure.create", "registration.cancel", "activity.signup_close"} <= codes
    assert sorted(code for code in codes if audit.action_label(code) is None) == []


def test_every_activity_status_has_a_label():
    from shuxiang.activities.models import Activity

    assert all(audit.action_label(f"activity.status.{status}") for status in Activity.Status.values)
