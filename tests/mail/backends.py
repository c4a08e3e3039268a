"""A fault-injecting e-mail backend for the outbox tests: refuses while ``FlakyBackend.refusing``."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Django's test backend (messages land in ``mail.outbox``) that raises as a refusing server would."""

    refusing = False
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += len(messages)
        if type(self).refusing:
            raise smtplib.SMTPDataError(554, b"5.7.1 Refused for the test")
        return super().send_messages(messages)
