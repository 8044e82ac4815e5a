"""Appeals belong to an agency (表四 counts them there) and may be about an application, a
published item, or neither; the agency of the appeals already recorded is their application's.
Notices to applicants (e-mail, SMS) are recorded."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def agency_from_application(apps, schema_editor):
    Appeal = apps.get_model("applications", "Appeal")
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now, so that the ALTER TABLE below finds no pending
        # (deferred) trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for appeal in Appeal.objects.filter(agency__isnull=True).select_related("application"):
        appeal.agency_id = appeal.application.agency_id
        appeal.save(update_fields=["agency"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_letters_and_basis"),
        ("org", "0001_initial"),
        ("publishing", "0002_delete_indexsequence"),
    ]

    operations = [
        migrations.AddField(
            model_name="appeal",
            name="agency",
            field=models.ForeignKey(
                null=True,
                help_text="被申请复议或被诉的机关；复议机关作为共同被告的，只在原行为机关登记。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="org.agency",
                verbose_name="原行为机关",
            ),
        ),
        migrations.RunPython(agency_from_application, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="appeal",
            name="agency",
            field=models.ForeignKey(
                help_text="被申请复议或被诉的机关；复议机关作为共同被告的，只在原行为机关登记。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="org.agency",
                verbose_name="原行为机关",
            ),
        ),
        migrations.AddField(
            model_name="appeal",
            name="item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="publishing.informationitem",
                verbose_name="主动公开信息",
            ),
        ),
        migrations.AddField(
            model_name="appeal",
            name="subject",
            field=models.CharField(
                blank=True,
                help_text="不涉及具体申请或信息时填写，如：未依法主动公开某类信息。",
                max_length=200,
                verbose_name="事由",
            ),
        ),
        migrations.AlterField(
            model_name="appeal",
            name="application",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="applications.application",
                verbose_name="申请",
            ),
        ),
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["agency", "filed_date"], name="appeal_agency_filed_idx"),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(("application__isnull", True), ("item__isnull", True), _connector="OR"),
                name="appeal_about_one_thing",
            ),
        ),
        migrations.CreateModel(
            name="Notice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=24, verbose_name="事项")),
                (
                    "channel",
                    models.CharField(choices=[("email", "电子邮件"), ("sms", "短信")], max_length=10, verbose_name="方式"),
                ),
                ("recipient", models.CharField(max_length=120, verbose_name="接收人（脱敏）")),
                ("text", models.TextField(verbose_name="内容")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="生成时间")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="发送时间")),
                ("ok", models.BooleanField(default=False, verbose_name="已发出")),
                ("error", models.CharField(blank=True, max_length=300, verbose_name="未发出的原因")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notices",
                        to="applications.application",
                        verbose_name="申请",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="notices",
                        to="applications.applicationevent",
                        verbose_name="办理记录",
                    ),
                ),
            ],
            options={
                "verbose_name": "告知申请人",
                "verbose_name_plural": "告知申请人",
                "ordering": ["created_at", "id"],
            },
        ),
    ]
