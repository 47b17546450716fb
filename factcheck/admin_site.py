"""The admin site, whose home is the reviewer's desk (claims/admin/desk.py) above the list of models."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ReviewerDeskSite(admin.AdminSite):
    index_template = "admin/desk.html"
    site_header = site_title = "Claim provenance tracker"
    index_title = "Reviewer's desk"

    def index(self, request, extra_context=None):
        # Imported here: claims.admin registers its models on this site while it is being made.
        from claims.admin.desk import desk_queues

        extra_context = {**(extra_context or {}), "queues": desk_queues(request.user)}
        return super().index(request, extra_context)


class DeskAdminConfig(AdminConfig):
    """django.contrib.admin with the reviewer's desk, named in INSTALLED_APPS in its place."""

    default_site = "factcheck.admin_site.ReviewerDeskSite"
