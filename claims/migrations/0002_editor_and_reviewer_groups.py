from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors record sources and draft claims; reviewers also publish, correct and retract.
EDITOR_PERMISSIONS = {
    "sources": {
        "actor": ["view", "add", "change"],
        "actoralias": ["view", "add", "change", "delete"],
        "source": ["view", "add", "change"],
        "citation": ["view", "add", "change", "delete"],
    },
    "claims": {
        "claim": ["view", "add", "change"],
        "quote": ["view", "add", "change", "delete"],
        "conflict": ["view", "add", "change"],
        "correction": ["view"],
    },
}
REVIEWER_EXTRA = {
    "sources": {"actor": ["delete"], "source": ["delete"]},
    "claims": {"claim": ["delete", "publish"], "conflict": ["delete"]},
}


def codenames(spec):
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def make_groups(apps, schema_editor):
    # Permissions are normally created after migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        return [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames(spec)
        ]

    editor, _ = Group.objects.get_or_create(name="editor")
    editor.permissions.set(permissions(EDITOR_PERMISSIONS))
    reviewer, _ = Group.objects.get_or_create(name="reviewer")
    reviewer.permissions.set(permissions(EDITOR_PERMISSIONS) + permissions(REVIEWER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["editor", "reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
