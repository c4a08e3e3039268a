"""The report is assembled from one snapshot of the records (reliability plan T65): a change someone
commits while the sections are being read reaches all of them or none."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from finance.models import ExpenditureLine
from reports.annual import assembly
from reports.annual.sections import PROVIDERS, foreword
from tests.finance.factories import ExpenditureLineFactory, FinanceYearFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection writing needs PostgreSQL"),
]


def _commit_from_another_connection(change):
    errors = []

    def worker():
        try:
            change()
        except Exception as error:  # asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    assert not errors, errors


def _spent(report) -> Decimal:
    (section,) = [section for section in report.all_sections if section.key == "finance"]
    return section.data.statement.total_expenditure[-1]


@pytest.fixture
def line(seeded_board):
    return ExpenditureLineFactory(
        finance_year=FinanceYearFactory(board=seeded_board, start_year=2016), amount=Decimal("1000.00")
    )


def test_a_change_committed_after_the_first_section_is_read_is_not_in_the_report(seeded_board, year, line, monkeypatch):
    first = PROVIDERS[0]
    assert first is foreword  # reads the annual app's records before finance is read

    class ChangeAfterReading:
        @staticmethod
        def provide(**kwargs):
            section = first.provide(**kwargs)
            _commit_from_another_connection(
                lambda: ExpenditureLine.objects.filter(pk=line.pk).update(amount=Decimal("5000.00"))
            )
            return section

    monkeypatch.setattr(assembly, "PROVIDERS", [ChangeAfterReading, *PROVIDERS[1:]])
    during = assembly.build_report(board=seeded_board, year=year)
    assert _spent(during) == Decimal("1000.00")  # as when assembly began

    monkeypatch.setattr(assembly, "PROVIDERS", PROVIDERS)
    after = assembly.build_report(board=seeded_board, year=year)
    assert _spent(after) == Decimal("5000.00")  # and the next report has it


def test_assembly_joins_a_transaction_it_is_called_in(seeded_board, year, line):
    from django.db import transaction

    with transaction.atomic():
        ExpenditureLine.objects.filter(pk=line.pk).update(amount=Decimal("7.00"))
        assert _spent(assembly.build_report(board=seeded_board, year=year)) == Decimal("7.00")
