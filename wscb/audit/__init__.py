"""The audit trail: its records, ``audit_record`` (``services``), the audit page and its back-office list."""
