"""The outbox moves from payments to events: the model's state only, its table (payments_outboxmessage) stays
as it is, with its rows. Then what events add to it: the aggregate column, its index, the HandledEvent table."""

import uuid

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Admin permissions and log entries of the outbox follow the model to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label="payments", model="outboxmessage")
    if ContentType.objects.using(db).filter(app_label="events", model="outboxmessage").exists():
        old.delete()
    else:
        old.update(app_label="events")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="payments", model="outboxmessage").exists():
        ContentType.objects.using(db).filter(app_label="events", model="outboxmessage").update(
            app_label="payments"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("payments", "0001_initial"),  # created the table
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("topic", models.CharField(max_length=60)),
                        ("payload", models.JSONField()),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("available_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("locked_until", models.DateTimeField(blank=True, null=True)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        ("last_error", models.CharField(blank=True, max_length=500)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "db_table": "payments_outboxmessage",
                        "ordering": ["available_at", "id"],
                        "indexes": [
                            models.Index(
                                condition=models.Q(("sent_at__isnull", True)),
                                fields=["available_at"],
                                name="outbox_pending",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type, elidable=True),
        migrations.AddField(
            model_name="outboxmessage",
            name="aggregate",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(
                condition=models.Q(("sent_at__isnull", True), models.Q(("aggregate", ""), _negated=True)),
                fields=["aggregate", "id"],
                name="outbox_aggregate_pending",
            ),
        ),
        migrations.CreateModel(
            name="HandledEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("event", models.UUIDField()),
                ("handler", models.CharField(max_length=200)),
                ("handled_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "ordering": ["handled_at", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("event", "handler"), name="event_handled_once")
                ],
            },
        ),
    ]
