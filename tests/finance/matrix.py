"""Permission-matrix entries for the finance app (see tests/permission_matrix.py)."""

from tests.permission_matrix import KEEPERS, READERS, SIGNED_IN, AdminPolicy, Entry, expect


def _year(cast):
    from tests.finance.factories import FinanceYearFactory

    return FinanceYearFactory(board=cast.board, start_year=2016)


def _line(cast):
    from tests.finance.factories import ExpenditureLineFactory

    return ExpenditureLineFactory(finance_year=_year(cast))


def _income(cast):
    from tests.finance.factories import IncomeLineFactory

    return IncomeLineFactory(finance_year=_year(cast))


def _contribution(cast, agency):
    from tests.finance.factories import ContributionFactory

    return ContributionFactory(finance_year=_year(cast), partner=agency)


def _category(cast):
    from tests.finance.factories import ExpenditureCategoryFactory

    return ExpenditureCategoryFactory(board=cast.board, name="Professional Fees")


ENTRIES = [
    Entry("finance:statement", expect(READERS), note="partner leads see only their contributions"),
    Entry(
        "finance:statement",
        expect(READERS),
        kwargs=lambda cast: _year(cast) and None,
        query="end=2016&count=3",
        variant="a year held",
    ),
    Entry("finance:year-detail", expect(READERS), kwargs=lambda cast: {"start_year": _year(cast).start_year}),
    Entry("finance:expenditure-create", expect(KEEPERS), kwargs=lambda cast: {"start_year": _year(cast).start_year}),
    Entry(
        "finance:expenditure-create",
        expect(KEEPERS, ok=200),
        kwargs=lambda cast: {"start_year": _year(cast).start_year},
        method="post",
        note="an empty form is shown again with its errors",
    ),
    Entry("finance:expenditure-update", expect(KEEPERS), kwargs=lambda cast: {"pk": _line(cast).pk}),
    Entry("finance:expenditure-delete", expect(KEEPERS), kwargs=lambda cast: {"pk": _line(cast).pk}),
    Entry(
        "finance:expenditure-delete",
        expect(KEEPERS, ok=302),
        kwargs=lambda cast: {"pk": _line(cast).pk},
        method="post",
    ),
    Entry("finance:contribution-list", expect(SIGNED_IN)),
    Entry(
        "finance:contribution-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _contribution(cast, cast.agency_b).pk},
        note="a partner lead sees only their own agency's contributions",
        variant="agency B",
    ),
    Entry(
        "finance:contribution-detail",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _contribution(cast, cast.agency_a).pk},
        variant="agency A",
    ),
    Entry("finance:contribution-create", expect(KEEPERS), kwargs=lambda cast: {"start_year": _year(cast).start_year}),
    Entry(
        "finance:contribution-update",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _contribution(cast, cast.agency_b).pk},
    ),
    Entry(
        "finance:contribution-delete",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _contribution(cast, cast.agency_b).pk},
    ),
    Entry("finance:income-create", expect(KEEPERS), kwargs=lambda cast: {"start_year": _year(cast).start_year}),
    Entry("finance:income-update", expect(KEEPERS), kwargs=lambda cast: {"pk": _income(cast).pk}),
    Entry("finance:income-delete", expect(KEEPERS), kwargs=lambda cast: {"pk": _income(cast).pk}),
    Entry("finance:import", expect(KEEPERS), kwargs=lambda cast: {"dataset": "expenditure"}, variant="expenditure"),
    Entry("finance:import", expect(KEEPERS), kwargs=lambda cast: {"dataset": "contributions"}, variant="contributions"),
    Entry(
        "finance:export",
        expect(READERS),
        kwargs=lambda cast: {"dataset": "outstanding"},
        query="format=xlsx",
        variant="outstanding",
    ),
    Entry(
        "finance:export",
        expect(READERS),
        kwargs=lambda cast: {"dataset": "expenditure"},
        query="format=csv",
        variant="expenditure",
    ),
]

ADMIN_MODELS = {
    "finance.expenditurecategory": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=_category),
    "finance.financeyear": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=_year),
}
