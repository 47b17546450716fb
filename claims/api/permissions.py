from rest_framework import permissions

from claims import workflow
from claims.models import Claim


class ReadPublishedOrStaffWrite(permissions.DjangoModelPermissions):
    """Anyone reads (views show anonymous clients published data only); staff write within their group.

    Writes need a staff account with the model permission, as in the admin:
    the editor group adds and changes, the reviewer group also deletes.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff) and super().has_permission(request, view)


class EditableClaim(permissions.BasePermission):
    """Published claims, and quotes on them, change only through a reviewer."""

    message = workflow.EDIT_REFUSED

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        claim = obj if isinstance(obj, Claim) else obj.claim
        return workflow.can_edit(request.user, claim)


class Reviewer(permissions.BasePermission):
    message = "Only a reviewer may publish, correct or retract a claim."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff) and workflow.can_publish(request.user)


class CanIngest(permissions.BasePermission):
    """Staff who may add sources (editors and reviewers) ingest documents."""

    message = "Only editors and reviewers may ingest documents."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff) and request.user.has_perm("sources.add_source")


class CanDecideSuggestions(permissions.BasePermission):
    """Staff who may change suggested quotes (editors and reviewers) pick the claims they are about."""

    message = "Only editors and reviewers may decide on suggestions."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_staff) and user.has_perm("claims.change_quotesuggestion")


EDITORIAL_GROUPS = ("editor", "reviewer")


def may_hold_token(user) -> bool:
    """API tokens go to active staff in the editor or reviewer group, and to no one else."""
    return user.is_active and user.is_staff and user.groups.filter(name__in=EDITORIAL_GROUPS).exists()
