"""Partner updates (seed section 10): each agency's accepted return for the board and year, in
agency order, as the compiled-year page shows them (``compiled_partner_updates``: accepted
returns only, no review comments, case studies only where marked for publication). Agencies
asked whose return is not accepted are listed for the readiness check. The year's challenge events
(``returns.challenges``, in the same query) are there for the text to name (figures ``partner_updates.challenge*``)."""

from dataclasses import dataclass, field

from django.urls import reverse

from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Section
from reports.selfreports.reporting import report_partner_updates, without_unpublished_contacts

KEY = "partner_updates"
TITLE = "Partner updates"


@dataclass
class PartnerUpdatesData:
    returns: list = field(default_factory=list)  # reports.selfreports.reporting.ReportDocument
    not_accepted: list = field(default_factory=list)  # PendingReturn
    asked: int = 0
    challenges: object = None  # reports.selfreports.reporting.ChallengeSummary: the year's challenge events


def provide(*, board, year, bundle):
    returns, documents = report_partner_updates(board=board, year=year)
    documents = without_unpublished_contacts(documents)  # the report is what will be published
    data = PartnerUpdatesData(
        returns=documents,
        not_accepted=returns.not_accepted,
        asked=returns.asked,
        challenges=returns.challenges,
    )
    fix_url, fix_label = reverse("reports:round-list"), "Review the partner updates"
    if not returns.has_round:
        status, reason = MISSING, f"No partner updates were asked for {year.label}."
        fix_label = "Open a round of partner updates"
    elif not documents:
        status, reason = MISSING, f"None of the {returns.asked} partner updates for {year.label} is accepted yet."
    elif returns.not_accepted:
        count = len(returns.not_accepted)
        status = INCOMPLETE
        verb = "is" if count == 1 else "are"
        reason = f"{count} of the {returns.asked} partner updates for {year.label} {verb} not accepted."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/partner_updates.html",
        summary_template="annual/sections/partner_updates_summary.html",
        status=status,
        reason=reason,
        fix_url=fix_url,
        fix_label=fix_label,
        data=data,
    )
