"""API requests made idempotent by the client's Idempotency-Key: a retry replays, it never acts twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models.claim import Claim


class IdempotencyKey(models.Model):
    """A key a client sent with a workflow step (publish, correct, retract), and what it was for."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    action = models.CharField(max_length=40)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotencykey_user_key_unique"),
            models.CheckConstraint(condition=~Q(key=""), name="idempotencykey_key_not_empty"),
        ]

    def __str__(self) -> str:
        return self.key
