# One word for the verdict: Claim.rating and ExternalReview.rating are renamed verdict.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_suggestion_permissions'),
        ('sources', '0003_captures'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='claim',
            name='claim_rating_valid',
        ),
        migrations.RemoveConstraint(
            model_name='claim',
            name='claim_published_has_verdict',
        ),
        migrations.RemoveConstraint(
            model_name='externalreview',
            name='externalreview_rating_valid',
        ),
        migrations.RenameField(
            model_name='externalreview',
            old_name='rating',
            new_name='verdict',
        ),
        migrations.RenameField(
            model_name='historicalexternalreview',
            old_name='rating',
            new_name='verdict',
        ),
        migrations.RenameField(
            model_name='claim',
            old_name='rating',
            new_name='verdict',
        ),
        migrations.RenameField(
            model_name='historicalclaim',
            old_name='rating',
            new_name='verdict',
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('verdict', ''), ('verdict__in', ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'unproven', 'disputed']), _connector='OR'), name='claim_verdict_valid'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review']), models.Q(models.Q(('verdict', ''), _negated=True), ('published_at__isnull', False), ('reviewed_on__isnull', False)), _connector='OR'), name='claim_published_has_verdict'),
        ),
        migrations.AddConstraint(
            model_name='externalreview',
            constraint=models.CheckConstraint(condition=models.Q(('verdict', ''), ('verdict__in', ['true', 'mostly_true', 'mixed', 'mostly_false', 'false', 'unproven', 'disputed']), _connector='OR'), name='externalreview_verdict_valid'),
        ),
    ]
