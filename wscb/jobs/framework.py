"""Django's tasks API, imported from this one place.

On Django 5.2 it comes from the ``django-tasks`` backport; Django 6 ships the same API as
``django.tasks``, so the upgrade changes the import below and nothing else::

    from wscb.jobs.framework import TaskContext, task
"""

from django_tasks import TaskContext, task

__all__ = ["TaskContext", "task"]
