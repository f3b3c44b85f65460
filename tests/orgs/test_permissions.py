from shuxiang.orgs import permissions
from shuxiang.orgs.models import Membership, Organisation

Role = Membership.Role


def test_staff_edit_their_own_library_and_its_branches_only(create_library, create_user):
    library = create_library()
    branch = Organisation.objects.create(name="回水分馆", kind=Organisation.Kind.BRANCH, parent=library)
    neighbour = create_library(parent=library.parent)
    staff = create_user(library, Role.STAFF)
    assert permissions.can_edit_library(staff, library)
    assert permissions.can_edit_library(staff, branch)
    assert not permissions.can_edit_library(staff, neighbour)


def test_bureau_admin_reads_and_edits_every_library_under_the_bureau_but_not_another(
    create_library, create_user
):
    library = create_library()
    other_bureau_library = create_library()
    admin = create_user(library.parent, Role.BUREAU_ADMIN)
    assert permissions.can_read_library(admin, library)
    assert permissions.can_edit_library(admin, library)
    assert permissions.can_manage_campaign(admin, library.parent)
    assert not permissions.can_read_library(admin, other_bureau_library)


def test_volunteer_may_only_check_in(create_library, create_user):
    library = create_library()
    volunteer = create_user(library, Role.VOLUNTEER)
    assert permissions.can_check_in(volunteer, library)
    assert not permissions.can_edit_library(volunteer, library)
    assert not permissions.can_manage_campaign(volunteer, library.parent)


def test_reader_details_are_for_the_organising_library_not_the_bureau(create_library, create_user):
    library = create_library()
    assert permissions.can_see_reader_details(create_user(library, Role.STAFF), library)
    assert not permissions.can_see_reader_details(create_user(library.parent, Role.BUREAU_ADMIN), library)


def test_reader_details_are_for_the_organising_librarys_staff_and_admin_not_its_volunteers(
    create_library, create_user
):
    library = create_library()
    branch = Organisation.objects.create(name="回水分馆", kind=Organisation.Kind.BRANCH, parent=library)
    neighbour = create_library(parent=library.parent)
    admin = create_user(library, Role.LIBRARY_ADMIN)
    assert permissions.can_see_reader_details(admin, library)
    assert permissions.can_see_reader_details(admin, branch)
    assert not permissions.can_see_reader_details(admin, neighbour)
    assert not permissions.can_see_reader_details(create_user(library, Role.VOLUNTEER), library)
    assert not permissions.can_see_reader_details(create_user(neighbour, Role.STAFF), library)


def test_anonymous_user_may_do_nothing(create_library):
    from django.contrib.auth.models import AnonymousUser

    library = create_library()
    anon = AnonymousUser()
    assert not permissions.can_read_library(anon, library)
    assert not permissions.can_edit_library(anon, library)
    assert not permissions.editable_libraries(anon).exists()


def test_library_staff_cannot_manage_campaigns(create_library, create_user):
    library = create_library()
    assert not permissions.can_manage_campaign(create_user(library, Role.LIBRARY_ADMIN), library.parent)


def test_organisation_path_follows_the_tree(create_library):
    library = create_library()
    assert library.path == f"{library.parent.path}{library.pk}/"
    assert library.is_within(library.parent)
    assert not library.parent.is_within(library)
