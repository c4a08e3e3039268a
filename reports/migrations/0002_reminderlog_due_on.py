"""Reminders are "due and not yet sent": each is recorded by the day it fell due, not only the day sent."""

from django.db import migrations, models


def copy_sent_on(apps, schema_editor):
    ReminderLog = apps.get_model("reports", "ReminderLog")
    ReminderLog.objects.update(due_on=models.F("sent_on"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_selfreports")]

    operations = [
        migrations.AddField(
            model_name="reminderlog",
            name="due_on",
            field=models.DateField(
                null=True,
                help_text="The day the reminder fell due (for the invitation, the day the round opened).",
            ),
        ),
        migrations.RunPython(copy_sent_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminderlog",
            name="due_on",
            field=models.DateField(
                help_text="The day the reminder fell due (for the invitation, the day the round opened)."
            ),
        ),
        migrations.AlterField(
            model_name="reminderlog",
            name="sent_on",
            field=models.DateField(help_text="The day it was queued to be e-mailed."),
        ),
        migrations.RemoveConstraint(model_name="reminderlog", name="one_reminder_of_a_kind_per_day"),
        migrations.AddConstraint(
            model_name="reminderlog",
            constraint=models.UniqueConstraint(
                fields=("report", "kind", "due_on"), name="one_reminder_per_report_kind_and_due_day"
            ),
        ),
    ]
