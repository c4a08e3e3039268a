from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "reports.annual"
    label = "annual"
    verbose_name = "Annual report"

    def ready(self):
        from wscb.data import changes

        # Made from the data, not part of it: storing one must not move the version it was made for.
        changes.exempt("annual.DraftFile", "draft files laid out from the data, kept under its version")
        changes.exempt("annual.PublishedReport", "published versions: frozen files no cached page shows")

        from reports.annual.resources import report_import_kinds
        from wscb.data.import_kinds import import_kind_register

        for kind in report_import_kinds():
            import_kind_register(kind)
