"""Background jobs in the admin: a job's page shows its progress, refreshing itself until the job is done."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.jobs import progress_of
from claims.models import Job
from sources.admin_display import LargeListMixin


@admin.register(Job)
class JobAdmin(LargeListMixin, admin.ModelAdmin):
    """What large ingestions, imports and exports are doing; jobs are made by the pages that start them."""

    list_display = ["__str__", "kind", "status", "progress", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    fields = [
        "kind",
        "status",
        "progress",
        "outcome",
        "error",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("payload")

    # Editors and reviewers follow the jobs they start; nobody edits one.
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm("sources.add_source")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="progress")
    def progress(self, job: Job) -> str:
        done, total = progress_of(job)
        percent = 100 * done // total if total else 0
        return format_html('<progress value="{}" max="100">{} %</progress> {} %', percent, percent, percent)

    @admin.display(description="result")
    def outcome(self, job: Job) -> str:
        summary = job.result.get("summary", "—")
        links = []
        if source := job.result.get("source"):
            links.append((reverse("admin:sources_source_change", args=[source]), "the source"))
            for model in ("citationsuggestion", "quotesuggestion"):
                changelist = reverse(f"admin:claims_{model}_changelist")
                links.append(
                    (f"{changelist}?status__exact=pending&source={source}", f"its {model[:-10]} suggestions")
                )
        if job.output:
            links.append((reverse("api:job-output", args=[job.pk]), "download the file"))
        notes = [*job.result.get("notes", []), *job.result.get("rejected", [])]
        return format_html(
            "{}{}{}",
            summary,
            format_html_join("", ' · <a href="{}">{}</a>', links),
            format_html_join("", "<br>{}", ((note,) for note in notes)),
        )
