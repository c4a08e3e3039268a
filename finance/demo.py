"""Demo finance for the seed board: section 9 of the 2016/17 annual report, 2014/15 to 2016/17.

Source: shared/seed/wscb-annual-report-2016-17.txt lines 2120-2195. Each figure in the seed's
table is loaded as one line (expenditure per category, contribution per partner, training
income per year); the 2013/14 reserves position (101,054) is the opening balance of 2014/15.
The seed's published totals are loaded as stated figures, so the statement shows where the
seed's own arithmetic disagrees with its lines (2016/17: transfer and total in reserve).
"""

from decimal import Decimal

from finance import services
from finance.models import ExpenditureCategory, ExpenditureLine, StatedFigure
from partners.models import Partner
from wscb.periods import ReportingYear

YEARS = (2014, 2015, 2016)
OPENING_RESERVES = Decimal("101054")
SOURCE = "WSCB annual report 2016/17, section 9"

# Category -> actual spend per year (None: no line). The seed prints External Training's
# single figure in the 2016/17 column; the 2016/17 total (250,025) only adds up with it there.
EXPENDITURE = {
    "Salaries and Expenses": (208422, 147749, 188149),
    "Professional Fees": (25266, 32785, 22487),
    "Equipment and Supplies": (20990, 12174, 3747),
    "Conferences and Meetings": (9641, 21574, 26183),
    "Marketing and Publicity": (2000, 9115, 1485),
    "External Training": (None, None, 7974),
}

# Partner (name as in partners/demo.py) -> contribution per year.
CONTRIBUTIONS = {
    "Wigan Council": (96956, 75206, 59206),
    "Wigan Borough Clinical Commissioning Group": (54000, 54000, 54000),
    "Bridgewater Community Healthcare NHS Foundation Trust": (5994, 5994, 5994),
    "North West Boroughs Healthcare NHS Foundation Trust": (5994, 5994, 5994),
    "Wrightington, Wigan and Leigh NHS Foundation Trust": (5994, 5994, 5994),
    "Greater Manchester Police": (14400, 14400, 14500),
    "National Probation Service": (1800, 1800, 1800),
    "Cheshire and Greater Manchester Community Rehabilitation Company": (1800, 1800, 1800),
    "Wigan and Leigh Homes": (3600, 3600, 3600),
    "CAFCASS": (540, 540, 540),
}

TRAINING_INCOME = (114310, 92470, 117596)

# The seed's own totals, as printed. The 2016/17 opening position is blank in the seed.
STATED = {
    StatedFigure.Figure.TOTAL_EXPENDITURE: (266319, 223397, 250025),
    StatedFigure.Figure.TOTAL_INCOME: (305388, 261798, 271024),
    StatedFigure.Figure.TRANSFER_TO_RESERVES: (39069, 38401, 21000),
    StatedFigure.Figure.OPENING_RESERVES: (101054, 140123, None),
    StatedFigure.Figure.CLOSING_RESERVES: (140123, 178524, 199124),
}


def load_for_board(*, board) -> None:
    """Create or update the board's demo finance; running it again changes nothing."""
    categories = {}
    for order, name in enumerate(EXPENDITURE, start=1):
        categories[name], _ = ExpenditureCategory.objects.update_or_create(
            board=board, name=name, defaults={"order": order, "is_active": True}
        )
    partners = {
        partner.name: partner
        for partner in Partner.objects.filter(board_memberships__board=board, name__in=CONTRIBUTIONS)
    }
    for index, start in enumerate(YEARS):
        year = ReportingYear(start)
        finance_year = services.finance_year_open(
            board=board, year=year, opening_reserves=OPENING_RESERVES if index == 0 else None
        )
        for name, amounts in EXPENDITURE.items():
            if amounts[index] is None:
                continue
            ExpenditureLine.objects.update_or_create(
                finance_year=finance_year,
                category=categories[name],
                kind=ExpenditureLine.Kind.ACTUAL,
                description=f"{name} {year.label} (annual total)",
                defaults={"amount": Decimal(amounts[index])},
            )
        for name, amounts in CONTRIBUTIONS.items():
            amount = Decimal(amounts[index])
            finance_year.contributions.update_or_create(
                partner=partners[name],
                defaults={"amount_agreed": amount, "amount_invoiced": amount, "amount_received": amount},
            )
        services.training_income_replace(
            finance_year=finance_year, charges=[(None, Decimal(TRAINING_INCOME[index]))], description="Training income"
        )
        for figure, amounts in STATED.items():
            if amounts[index] is not None:
                services.stated_figure_set(
                    finance_year=finance_year, figure=figure, amount=Decimal(amounts[index]), source=SOURCE
                )
