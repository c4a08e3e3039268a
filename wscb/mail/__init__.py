"""The one way the portal sends e-mail: an outbox row written in the caller's transaction, sent by a
job after the commit, retried with backoff, recorded once (``wscb.mail.services.email_queue``)."""
