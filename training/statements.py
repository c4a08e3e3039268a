"""An agency's charges statement for a year (did-not-attends, late cancellations and e-learning not
completed, at the board's rates): as a PDF, and sent as an invoice request by e-mail after business
support confirms. The figures are ``reporting.charges_by_agency``'s, the same that finance takes as
training income."""

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partners.models import Board, BoardMembership, Partner, User
from training import reporting
from wscb.mail.services import email_queue
from wscb.periods import ReportingYear
from wscb.roles import Role


def statement_line(*, board: Board, partner: Partner, year: ReportingYear):
    """The agency's charge line for the year, or None when it has nothing to pay."""
    lines = reporting.charges_by_agency(board=board, year=year, partner=partner)
    return lines[0] if lines else None


def statement_pdf(*, board: Board, partner: Partner, year: ReportingYear) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "training/charges_statement_pdf.html",
        {
            "board": board,
            "partner": partner,
            "year": year,
            "line": statement_line(board=board, partner=partner, year=year),
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html, base_url=None).write_pdf()


def invoice_recipients(*, board: Board, partner: Partner) -> list[str]:
    """The board's main contact for the agency, else the agency's partner leads."""
    membership = BoardMembership.objects.filter(board=board, partner=partner).select_related("main_contact").first()
    if membership and membership.main_contact and membership.main_contact.email:
        return [membership.main_contact.email]
    return list(
        User.objects.filter(role=Role.PARTNER_LEAD, partner=partner, is_active=True, boards=board).values_list(
            "email", flat=True
        )
    )


def invoice_request_send(*, board: Board, partner: Partner, year: ReportingYear, by) -> tuple[object, bool]:
    """Queue the invoice request for the agency's charges of ``year``. Returns (the e-mail, whether it
    is new): the same statement (same amount) sent again is not sent twice."""
    line = statement_line(board=board, partner=partner, year=year)
    if line is None or line.amount <= Decimal("0"):
        raise ValueError("Nothing to charge this agency for this year.")
    recipients = invoice_recipients(board=board, partner=partner)
    if not recipients:
        raise ValueError("Nobody to send it to: give the agency a main contact with an e-mail address.")
    pdf_url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("training:agency-charges-pdf", kwargs={"pk": partner.pk})
    key = f"invoice-request:{board.pk}:{partner.pk}:{year.start_year}:{line.amount}"
    from wscb.mail.models import Email

    existed = Email.objects.filter(key=key).exists()
    email = email_queue(
        kind="training-invoice-request",
        board=board,
        to=recipients,
        subject=f"{board.short_name} training charges {year.label}: invoice request, £{line.amount}",
        body=(
            f"Dear colleague,\n\n{board.name} will invoice {partner.name} £{line.amount} for training in "
            f"{year.label}:\n\n"
            f"  Did not attend: {line.did_not_attend} x £{line.did_not_attend_rate}\n"
            f"  Late cancellations: {line.late_cancellations} x £{line.late_cancellation_rate}\n"
            f"  E-learning licences not completed: {line.elearning_not_completed}"
            f" x £{line.elearning_not_completed_rate}\n\n"
            f"The statement (PDF): {pdf_url}?year={year.label}\n\nPlease raise a purchase order for this amount.\n\n"
            f"{by.full_name}\n{board.name}\n"
        ),
        key=key,
    )
    return email, not existed
