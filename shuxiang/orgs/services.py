"""Writes on organisations and memberships, and the audit trail every other app writes through."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from shuxiang.orgs.models import AuditEntry, Membership, Organisation


def record_audit(
    action: str,
    obj: models.Model,
    *,
    acting_user: AbstractBaseUser | None,
    organisation: Organisation | None = None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Leave one audit row: who (``acting_user``) did ``action`` to ``obj``, owned by ``organisation``."""
    return AuditEntry.objects.create(
        actor=acting_user if acting_user is not None and acting_user.is_authenticated else None,
        organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:255] or str(obj)[:255],
        data=data or {},
    )


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    short_name: str = "",
    name_en: str = "",
    acting_user: AbstractBaseUser | None,
) -> Organisation:
    org = Organisation.objects.create(
        name=name, kind=kind, parent=parent, short_name=short_name, name_en=name_en
    )
    record_audit("org.create", org, acting_user=acting_user, organisation=parent or org)
    return org


def find_or_create_partner(name: str, *, acting_user: AbstractBaseUser | None) -> Organisation:
    """A partner organisation by name as written (schools, communities...), created on first use."""
    name = name.strip()
    existing = Organisation.objects.filter(name=name, parent=None).first()
    if existing:
        return existing
    return create_organisation(name=name, kind=Organisation.Kind.OTHER, acting_user=acting_user)


@transaction.atomic
def create_staff_user(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    role: str,
    email: str = "",
    acting_user: AbstractBaseUser | None,
) -> AbstractBaseUser:
    """A staff account (Django user, hashed password) with its membership."""
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    record_audit(
        "membership.create", user, acting_user=acting_user, organisation=organisation, data={"role": role}
    )
    return user
