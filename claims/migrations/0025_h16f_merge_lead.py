from django.db import migrations


class Migration(migrations.Migration):
    """Joins the two leaves on the lead branch (h16b's and h16e's indexes) so that it migrates; drop it if
    the integration branch already has its own merge of them."""

    dependencies = [
        ("claims", "0024_h16b_list_order_index"),
        ("claims", "0024_h16e_claim_sentence_key_index"),
    ]

    operations = []
