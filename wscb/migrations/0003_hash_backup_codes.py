"""Backup codes were stored as typed; store only their keyed digests (wscb.accounts.two_factor.backup_code_digest).

A stored code is 8 characters, a digest 16, so rows already hashed are left alone and the migration
can run twice safely. Reversing is not possible (the codes cannot be recovered): it does nothing,
and people generate new codes.
"""

from base64 import b32encode

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "wscb.two_factor.backup_code"  # the same as wscb.accounts.two_factor.BACKUP_CODE_SALT
DIGEST_LENGTH = 16


def digest(device_pk, code):
    normalised = code.strip().replace(" ", "").replace("-", "").lower()
    mac = salted_hmac(SALT, f"{device_pk}:{normalised}", secret=settings.SECRET_KEY, algorithm="sha256")
    return b32encode(mac.digest()).decode("ascii").lower()[:DIGEST_LENGTH]


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    plain = [token for token in StaticToken.objects.all() if len(token.token) < DIGEST_LENGTH]
    for token in plain:
        token.token = digest(token.device_id, token.token)
    StaticToken.objects.bulk_update(plain, ["token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("wscb", "0002_audit_event_guard"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
