"""One counter table for every numbered record; the three apps' own counters are copied in."""

from django.db import migrations, models


def copy_counters(apps, schema_editor):
    """索引号 (per agency and category), 申请编号 and 留言编号 (per agency) keep their last serials."""
    counter = apps.get_model("core", "SerialCounter")
    rows = []
    for row in apps.get_model("publishing", "IndexSequence").objects.all():
        rows.append(
            counter(scope=f"index:{row.agency_id}:{row.category}", year=row.year, last=row.last)
        )
    for label, prefix in (("applications", "application"), ("interaction", "message")):
        for row in apps.get_model(label, "NumberSequence").objects.all():
            rows.append(counter(scope=f"{prefix}:{row.agency_id}", year=row.year, last=row.last))
    counter.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("publishing", "0001_initial"),
        ("applications", "0002_application_application_submission_unique"),
        ("interaction", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SerialCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scope", models.CharField(max_length=100, verbose_name="编号范围")),
                ("year", models.PositiveSmallIntegerField(verbose_name="年度")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="已用到")),
            ],
            options={
                "verbose_name": "流水号",
                "verbose_name_plural": "流水号",
                "constraints": [
                    models.UniqueConstraint(fields=("scope", "year"), name="serial_counter_unique")
                ],
            },
        ),
        migrations.RunPython(copy_counters, migrations.RunPython.noop),
    ]
