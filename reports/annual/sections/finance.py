"""Financial report (seed section 9): contributions, expenditure and reserves over two years.

TO WIRE (after the finance app is merged):
``statement = finance.reporting.finance_statement([year.previous, year])`` (one call), put it in
``FinanceData.statement``, its reconciliation differences in ``FinanceData.differences``, set
``status=READY`` and render the statement in ``templates/annual/sections/finance.html``.
"""

from dataclasses import dataclass, field

from reports.annual.sections.base import not_yet_available

KEY = "finance"
TITLE = "Financial report"
REASON = "Contributions and expenditure are not recorded in the portal yet."


@dataclass
class FinanceData:
    statement: object = None
    differences: list[str] = field(default_factory=list)


def provide(*, board, year, bundle):
    return not_yet_available(key=KEY, title=TITLE, reason=REASON)
