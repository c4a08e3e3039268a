"""On PostgreSQL, a trigger refuses UPDATE and DELETE of audit rows, even in raw SQL.

The one change allowed is the one Django makes when a user is deleted: ``user_id`` set to
NULL with everything else unchanged (the e-mail address stays in ``user_label``). TRUNCATE
(used by ``flush`` and test teardown) is not a row operation and is not affected.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wscb_audit_event_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL
       AND ROW(NEW.id, NEW.created_at, NEW.user_label, NEW.action, NEW.channel, NEW.content_type_id,
               NEW.object_id, NEW.object_label, NEW.detail, NEW.ip_address)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.created_at, OLD.user_label, OLD.action, OLD.channel, OLD.content_type_id,
               OLD.object_id, OLD.object_label, OLD.detail, OLD.ip_address)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Audit events cannot be changed or deleted.';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS wscb_audit_event_guard ON wscb_auditevent;
CREATE TRIGGER wscb_audit_event_guard BEFORE UPDATE OR DELETE ON wscb_auditevent
    FOR EACH ROW EXECUTE FUNCTION wscb_audit_event_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS wscb_audit_event_guard ON wscb_auditevent;
DROP FUNCTION IF EXISTS wscb_audit_event_guard();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("wscb", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
