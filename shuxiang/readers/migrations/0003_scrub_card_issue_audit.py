"""Take library card numbers out of the audit log (security review, finding 3).

``card.issue`` audit rows were written with the card issue's ``str``, its card number, as
their summary; the number outlived the reader's deletion and bureau admins read it on the
audit page. Every such row now says ``card issue <id>`` and keeps no data, as new rows do.
Reversing is a no-op: the numbers are gone for good, which is the point.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat


def scrub_card_issue_audit(apps, schema_editor):
    AuditEntry = apps.get_model("orgs", "AuditEntry")
    AuditEntry.objects.filter(action="card.issue").update(
        summary=Concat(Value("card issue "), F("object_id")), data={}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("readers", "0002_fewer_registration_indexes"),
    ]

    operations = [
        migrations.RunPython(scrub_card_issue_audit, migrations.RunPython.noop, elidable=True),
    ]
