from django.contrib.auth.management import create_permissions
from django.db import migrations

# Both groups ingest sources, review the suggestions (accept or reject) and read a source's captures.
GRANTS = {
    "claims": ["view_citationsuggestion", "change_citationsuggestion", "view_quotesuggestion", "change_quotesuggestion"],
    "sources": ["view_capture"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codenames in GRANTS.items()
        for codename in codenames
    ]
    for group in Group.objects.filter(name__in=["editor", "reviewer"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_suggestions"), ("sources", "0003_captures")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
