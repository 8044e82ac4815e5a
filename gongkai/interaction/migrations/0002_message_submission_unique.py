"""Messages: one record per submission key (the race stored up to 8 copies on PostgreSQL); the
留言编号 counter moves to core.SerialCounter (copied there by core 0001)."""

from django.db import migrations, models
from django.db.models import Count


def keep_first_of_duplicates(apps, schema_editor):
    """Copies stored by the old race keep their content; only the first keeps the key."""
    message = apps.get_model("interaction", "Message")
    duplicated = (
        message.objects.exclude(submission_key="")
        .values("agency_id", "submission_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for group in duplicated:
        ids = list(
            message.objects.filter(
                agency_id=group["agency_id"], submission_key=group["submission_key"]
            )
            .order_by("id")
            .values_list("id", flat=True)
        )
        message.objects.filter(id__in=ids[1:]).update(submission_key="")


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(keep_first_of_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(
                condition=models.Q(("submission_key", ""), _negated=True),
                fields=("agency", "submission_key"),
                name="message_submission_unique",
            ),
        ),
        migrations.DeleteModel(name="NumberSequence"),
    ]
