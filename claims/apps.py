from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from claims import (
            checks,  # noqa: F401  (registers the deployment checks)
            freshness,  # noqa: F401  (connects the receivers that mark claims changed)
        )
