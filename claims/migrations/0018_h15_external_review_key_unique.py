from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    """Name the reviews recorded twice (on two claims), which an editor must resolve first."""
    ExternalReview = apps.get_model("claims", "ExternalReview")
    keys = ExternalReview.objects.values("key").annotate(n=Count("pk")).filter(n__gt=1)
    if keys.exists():
        ids = sorted(ExternalReview.objects.filter(key__in=keys.values("key")).values_list("pk", flat=True))
        raise RuntimeError(
            f"External reviews {ids} record one review more than once; delete all but one of each "
            "in the admin, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0017_external_review_claim_reviewed"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="externalreview",
            constraint=models.UniqueConstraint(fields=("key",), name="externalreview_key_unique"),
        ),
        migrations.RemoveConstraint(
            model_name="externalreview",
            name="externalreview_claim_key_unique",
        ),
        migrations.RemoveIndex(
            model_name="externalreview",
            name="externalreview_key_idx",
        ),
    ]
