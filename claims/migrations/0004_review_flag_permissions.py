from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Both groups see re-review flags and clear them once the claim is reviewed again.
    permissions = Permission.objects.filter(
        content_type__app_label="claims", codename__in=["view_reviewflag", "change_reviewflag"]
    )
    for group in Group.objects.filter(name__in=["editor", "reviewer"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_provenance"), ("claims", "0002_editor_and_reviewer_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
