"""The Django admin is for superusers: it knows no library, so a librarian with ``is_staff`` and
model permissions must not reach it (they would edit other libraries' rows, or their own role)."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from shuxiang.activities.models import Figure
from shuxiang.orgs.models import Membership
from tests.factories import make_activity, make_figure, make_library, make_user


def _librarian_with_admin_rights(library, *codenames):
    user = make_user(library, Membership.Role.LIBRARY_ADMIN)
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_a_staff_flagged_librarian_cannot_delete_another_librarys_figure_in_the_admin(client, db):
    figure = make_figure(make_activity())
    client.force_login(_librarian_with_admin_rights(make_library(), "delete_figure", "view_figure"))
    response = client.post(f"/admin/activities/figure/{figure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert Figure.objects.filter(pk=figure.pk).exists()


def test_a_staff_flagged_librarian_cannot_raise_their_own_role_in_the_admin(client, db):
    library = make_library()
    user = _librarian_with_admin_rights(library, "change_membership", "view_membership")
    client.force_login(user)
    membership = user.membership
    response = client.post(
        f"/admin/orgs/membership/{membership.pk}/change/",
        {"user": user.pk, "organisation": library.parent_id, "role": Membership.Role.BUREAU_ADMIN},
    )
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    membership.refresh_from_db()
    assert (membership.organisation_id, membership.role) == (library.pk, Membership.Role.LIBRARY_ADMIN)


def test_a_superuser_still_uses_the_admin(admin_client, db):
    figure = make_figure(make_activity())
    assert admin_client.get("/admin/").status_code == 200
    response = admin_client.post(f"/admin/activities/figure/{figure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Figure.objects.filter(pk=figure.pk).exists()
