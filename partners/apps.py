from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners and people"

    def ready(self):
        from partners.resources import agency_import_kind, person_import_kind
        from wscb.data.import_kinds import import_kind_register

        import_kind_register(agency_import_kind())
        import_kind_register(person_import_kind())
