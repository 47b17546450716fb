from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Both groups read imported reviews and may place an unmapped label on our scale.
    permissions = Permission.objects.filter(
        content_type__app_label="claims", codename__in=["view_externalreview", "change_externalreview"]
    )
    for group in Group.objects.filter(name__in=["editor", "reviewer"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_external_reviews"), ("claims", "0004_review_flag_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
