"""Permission-matrix entries for the annual report (see tests/permission_matrix.py).

Drafts, readiness, publishing and editing are for business support and administrators; every
signed-in role reads published versions of the board it is working in. Another board's
published version is a 404 for everyone.
"""

from tests.permission_matrix import ACCOUNT_HOLDERS, KEEPERS, SIGNED_IN, AdminPolicy, Entry, expect

NOT_FOUND_FOR_ALL = dict.fromkeys(SIGNED_IN, 404)
#: The public pages answer everyone alike, the anonymous visitor included.
EVERYONE = expect(ACCOUNT_HOLDERS, anonymous=200)
NOBODY = expect(set(), anonymous=404, refused=404)


def _year(cast):
    return {"start_year": 2016}


def _priority(cast):
    from tests.annual.factories import PriorityFactory

    return PriorityFactory(board=cast.board, number=1)


def _published(cast):
    from tests.annual.factories import PublishedReportFactory

    return PublishedReportFactory(board=cast.board)


def _other_board_published(cast):
    from tests.annual.factories import PublishedReportFactory
    from tests.partners.factories import BoardFactory

    other = BoardFactory(name="Zeta Safeguarding Partnership", short_name="ZSP")
    return PublishedReportFactory(board=other)


ENTRIES = [
    Entry("annual:index", expect(SIGNED_IN)),
    Entry("annual:draft", expect(KEEPERS), kwargs=_year),
    Entry("annual:draft-section", expect(KEEPERS), kwargs=lambda cast: {"start_year": 2016, "slug": "partner-updates"}),
    Entry("annual:draft-download", expect(KEEPERS), kwargs=lambda cast: {"start_year": "2016", "fmt": "html"}),
    Entry("annual:readiness", expect(KEEPERS), kwargs=_year),
    Entry("annual:publish", expect(KEEPERS), kwargs=_year),
    Entry(
        "annual:publish",
        expect(KEEPERS, ok=400),
        kwargs=_year,
        method="post",
        note="without the confirmation box nothing is published",
    ),
    Entry("annual:narrative-edit", expect(KEEPERS), kwargs=lambda cast: {"start_year": 2016, "kind": "foreword"}),
    Entry(
        "annual:narrative-edit",
        expect(KEEPERS, ok=400),
        kwargs=lambda cast: {"start_year": 2016, "kind": "foreword"},
        method="post",
        note="an empty post is invalid",
    ),
    Entry(
        "annual:activity-edit",
        expect(KEEPERS),
        kwargs=lambda cast: {"start_year": 2016, "priority_pk": _priority(cast).pk},
    ),
    Entry("annual:training-income", expect(KEEPERS), kwargs=_year),
    Entry(
        "annual:training-income",
        expect(KEEPERS, ok=400),
        kwargs=_year,
        method="post",
        note="without the confirmation box finance is not changed",
    ),
    Entry("annual:settings", expect(KEEPERS), kwargs=_year),
    Entry(
        "annual:settings",
        expect(KEEPERS, ok=400),
        kwargs=_year,
        method="post",
        note="an empty post is invalid: nothing is saved",
    ),
    Entry("annual:published", expect(SIGNED_IN), kwargs=lambda cast: {"pk": _published(cast).pk}, variant="own board"),
    Entry(
        "annual:published",
        expect(SIGNED_IN, **NOT_FOUND_FOR_ALL),
        kwargs=lambda cast: {"pk": _other_board_published(cast).pk},
        variant="another board",
    ),
    Entry("annual:published-file", expect(SIGNED_IN), kwargs=lambda cast: {"pk": _published(cast).pk, "fmt": "pdf"}),
]


def _public(cast, **extra):
    """The public address of the cast board's 2016/17 report (published by the factory)."""
    from django.utils.text import slugify

    _published(cast)
    return {"board_slug": slugify(cast.board.short_name), "year": "2016-17", **extra}


def _public_version(cast, **extra):
    from django.utils.text import slugify

    return {"board_slug": slugify(cast.board.short_name), "year": "2016-17", "number": _published(cast).number, **extra}


def _public_board(cast):
    from django.utils.text import slugify

    _published(cast)
    return {"board_slug": slugify(cast.board.short_name)}


def _public_nothing_published(cast):
    return _public(cast, year="2015-16")


ENTRIES += [
    # The public's pages (no sign-in): published versions only.
    Entry("public:board-reports", EVERYONE, kwargs=_public_board),
    Entry("public:report", EVERYONE, kwargs=_public, variant="published"),
    Entry("public:report", NOBODY, kwargs=_public_nothing_published, variant="nothing published: a draft only"),
    Entry("public:report-file", EVERYONE, kwargs=lambda cast: _public(cast, fmt="pdf")),
    Entry("public:version", EVERYONE, kwargs=_public_version),
    Entry("public:version-file", EVERYONE, kwargs=lambda cast: _public_version(cast, fmt="docx")),
]

READ_ONLY = AdminPolicy(view=KEEPERS, edit=frozenset(), delete=KEEPERS)

ADMIN_MODELS = {
    "annual.contextfact": AdminPolicy(obj=lambda cast: _make("ContextFactFactory", cast)),
    "annual.indicator": AdminPolicy(obj=lambda cast: _make("IndicatorFactory", cast)),
    "annual.indicatorvalue": AdminPolicy(obj=lambda cast: _make_value("IndicatorValueFactory", cast)),
    "annual.comparatorvalue": AdminPolicy(obj=lambda cast: _make_value("ComparatorValueFactory", cast)),
    "annual.engagementevent": AdminPolicy(obj=lambda cast: _make("EngagementEventFactory", cast)),
    "annual.narrativesection": AdminPolicy(
        view=KEEPERS, edit=frozenset(), delete=KEEPERS, obj=lambda cast: _make("NarrativeFactory", cast)
    ),
    "annual.priorityactivity": AdminPolicy(
        view=KEEPERS, edit=frozenset(), delete=KEEPERS, obj=lambda cast: _activity(cast)
    ),
    "annual.textfigure": AdminPolicy(obj=lambda cast: _text_figure(cast)),
    "annual.publishedreport": AdminPolicy(
        view=KEEPERS, edit=frozenset(), delete=KEEPERS, obj=lambda cast: _published(cast)
    ),
}


def _make(name, cast):
    from tests.annual import factories

    return getattr(factories, name)(board=cast.board)


def _make_value(name, cast):
    from tests.annual import factories

    return getattr(factories, name)(indicator=factories.IndicatorFactory(board=cast.board))


def _activity(cast):
    from reports.annual.models import PriorityActivity

    return PriorityActivity.objects.create(priority=_priority(cast), year_start=2016, text="Activity")


def _text_figure(cast):
    from reports.annual.models import TextFigure

    return TextFigure.objects.create(
        board=cast.board,
        year_start=2016,
        section="training",
        label="Courses planned",
        quote="33 individual courses were planned",
        value=33,
        figure="training.courses_planned",
    )
