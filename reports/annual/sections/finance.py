"""Financial report (seed section 9): expenditure, contributions, training income and reserves
for the report's year and the two before it, from ``finance.reporting.finance_statement`` (one
call). Stated totals that differ from the computed ones are reconciliation findings
(``reports.annual.reconciliation.finance_totals_against_lines``).

Training income: the finance statement prints the training income lines recorded in finance.
The training app computes the year's charges per agency (``training.reporting.training_income``)
from the bookings and licences recorded; when the two differ the reconciliation says so and links
to the business-support action that takes the charges into finance
(``reports.annual.services.training_income_take_into_finance``). A year with no bookings or
licences recorded has no charges to compare (not "£0"). The report never writes to finance while
it is assembled.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from finance.models import ZERO
from finance.reporting import finance_statement
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Section
from training.reporting import training_income
from wscb.periods import ReportingYear

KEY = "finance"
TITLE = "Financial report"
YEARS_SHOWN = 3


@dataclass
class FinanceData:
    statement: object = None  # finance.reporting.FinanceStatement
    differences_url: str = ""  # where stated totals are corrected
    training_charges: Decimal | None = None  # the training app's charges for the year
    training_income_recorded: Decimal | None = None  # finance's training income for the year
    training_income_url: str = ""

    @property
    def training_income_differs(self) -> bool:
        return (
            self.training_charges is not None
            and self.training_income_recorded is not None
            and self.training_charges != self.training_income_recorded
        )


def provide(*, board, year, bundle):
    years = [ReportingYear(year.start_year - offset) for offset in range(YEARS_SHOWN - 1, -1, -1)]
    statement = finance_statement(board=board, years=years)
    year_url = reverse("finance:year-detail", args=[year.start_year])
    data = FinanceData(
        statement=statement,
        differences_url=reverse("finance:statement"),
        training_income_url=reverse("annual:training-income", args=[year.start_year]),
    )
    training = bundle.training_report
    charges_recorded = training.summary.recorded.is_recorded or training.elearning.modules_source == "licences"
    if year.start_year in statement.years_held and charges_recorded:
        data.training_charges = training_income(board=board, year=year)
        data.training_income_recorded = statement.training_income[-1] or ZERO
    if not statement.years_held:
        status, reason = MISSING, "No financial years are recorded for the years this report shows."
    elif year.start_year not in statement.years_held:
        status, reason = INCOMPLETE, f"The {year.label} financial year is not recorded."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/finance.html",
        status=status,
        reason=reason,
        fix_url=year_url if status != MISSING else reverse("finance:statement"),
        fix_label="Record the finance lines",
        data=data,
    )
