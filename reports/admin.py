"""Back office of the reports app."""

from reports.selfreports import admin as selfreports_admin  # noqa: F401  (registers the update-form admin)
