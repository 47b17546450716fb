from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    """Name the URL-less sources holding one text, which an editor must merge before the constraint holds."""
    Source = apps.get_model("sources", "Source")
    duplicates = (
        Source.objects.filter(url__isnull=True)
        .exclude(text_sha256="")
        .values("text_sha256")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if duplicates.exists():
        ids = sorted(
            Source.objects.filter(
                url__isnull=True, text_sha256__in=duplicates.values("text_sha256")
            ).values_list("pk", flat=True)
        )
        raise RuntimeError(
            f"Sources {ids} have no URL and the same text as another; give them their URLs or merge "
            "them in the admin, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_captures"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url__isnull", True), models.Q(("text_sha256", ""), _negated=True)),
                fields=("text_sha256",),
                name="source_urlless_text_unique",
                violation_error_message="A source without a URL already holds exactly this text.",
            ),
        ),
    ]
