"""Work too long for a web request (a large ingestion, a ClaimReview import or export), run by a Celery worker."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


class JobKind(models.TextChoices):
    INGEST = "ingest", "ingest a text"
    IMPORT = "import", "import ClaimReview"
    EXPORT = "export", "export ClaimReview"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class Job(models.Model):
    """One background job: what to do, how far it got, and what came of it (claims/jobs.py runs it)."""

    Kind = JobKind
    Status = JobStatus

    kind = models.CharField(max_length=10, choices=JobKind.choices)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    arguments = models.JSONField(default=dict, blank=True, help_text="What the job was asked to do.")
    # The text or feed to read, kept in the database rather than the broker; emptied once done.
    payload = models.BinaryField(default=b"", blank=True)
    result = models.JSONField(default=dict, blank=True)
    output = models.FileField(upload_to="exports/", blank=True, help_text="The file an export wrote.")
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "background job"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_valid"),
            models.CheckConstraint(
                condition=Q(progress_done__lte=F("progress_total")), name="job_progress_within_total"
            ),
        ]
        indexes = [
            # The admin's list of jobs, newest first.
            models.Index(F("created_at").desc(), name="job_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("api:job-detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
