# The event frame of a suggested quote, stored as fields instead of one pipe-separated string.

from django.conf import settings
from django.db import migrations, models


def split_frames(apps, schema_editor):
    QuoteSuggestion = apps.get_model("claims", "QuoteSuggestion")
    for suggestion in QuoteSuggestion.objects.exclude(frame=""):
        parts = suggestion.frame.split("|")
        if len(parts) == 3:
            suggestion.event, suggestion.event_agent, suggestion.event_nationality = parts
            suggestion.save(update_fields=["event", "event_agent", "event_nationality"])


def join_frames(apps, schema_editor):
    QuoteSuggestion = apps.get_model("claims", "QuoteSuggestion")
    for suggestion in QuoteSuggestion.objects.exclude(event=""):
        suggestion.frame = f"{suggestion.event}|{suggestion.event_agent}|{suggestion.event_nationality}"
        suggestion.save(update_fields=["frame"])


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0009_verdict'),
        ('sources', '0003_captures'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='quotesuggestion',
            name='event',
            field=models.CharField(blank=True, editable=False, max_length=40),
        ),
        migrations.AddField(
            model_name='quotesuggestion',
            name='event_agent',
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name='quotesuggestion',
            name='event_nationality',
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.RunPython(split_frames, join_frames),
        migrations.RemoveField(
            model_name='quotesuggestion',
            name='frame',
        ),
        migrations.AddIndex(
            model_name='quotesuggestion',
            index=models.Index(fields=['event', 'status'], name='quotesugg_event_status_idx'),
        ),
    ]
