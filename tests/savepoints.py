"""Run a check against the database and undo whatever it wrote (the sweeps that visit every URL)."""

from django.db import transaction


class _RollBack(Exception):
    pass


def in_savepoint(check):
    """``check()``'s result, with everything it wrote rolled back."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome["value"] = check()
            raise _RollBack
    except _RollBack:
        pass
    return outcome["value"]
