"""The "Changed since captured" queue: what the watch found on the sources claims rely on."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from claims.watching import changes_to_review
from sources.models import SourceWatch
from sources.watching import mark_reviewed

SHOWN = 50


@admin.register(SourceWatch)
class SourceWatchAdmin(admin.ModelAdmin):
    """Each watched source whose page changed, disappeared or moved since an editor last looked:
    the word diff between its captures and the quotes it affects, newest first."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            watch = get_object_or_404(
                SourceWatch.objects.select_related("source"), pk=request.POST.get("reviewed")
            )
            mark_reviewed(watch=watch)
            self.message_user(request, f"“{watch.source}” leaves the queue.", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        count, changes = changes_to_review(limit=SHOWN)
        context = {
            **self.admin_site.each_context(request),
            "title": "Changed since captured",
            "opts": self.model._meta,
            "count": count,
            "changes": changes,
            "may_review": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/sources/sourcewatch/changed.html", context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
