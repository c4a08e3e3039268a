"""The start page for each role, and switching between boards."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partners import selectors as partner_selectors
from wscb import work_queue
from wscb.boards import board_switch
from wscb.permissions import LEARNER, account_holder_required, signed_in_required
from wscb.security import next_from
from wscb.words import board_words, current_term
from wscb.years import current_year

START_TEMPLATES = {
    "partner_lead": "home/partner_lead.html",
    "business_support": "home/business_support.html",
    "board_member": "home/board_member.html",
    "administrator": "home/administrator.html",
}


def _start_context(request) -> dict:
    user = request.user
    if user.is_partner_lead:
        return {"partner": user.partner, "membership": partner_selectors.partner_membership(partner=user.partner)}
    if user.is_business_support:
        return {
            "partner_summary": partner_selectors.partner_summary(board=request.board or None),
            "work_queue": work_queue.items_for(request),
        }
    if user.is_administrator:
        cutoff = timezone.now() - settings.AXES_COOLOFF_TIME
        return {
            "role_counts": partner_selectors.user_counts_by_role(),
            "locked_accounts": AccessAttempt.objects.filter(
                failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=cutoff
            ).count(),
        }
    return {"partner_summary": partner_selectors.partner_summary(board=request.board or None)}


@account_holder_required
def home(request):
    if request.user.role == LEARNER:
        # Learners have no start page of the portal's: theirs is their training (training.selfservice).
        return redirect("learning:my-training")
    context = {"reporting_year": current_year(request), **_start_context(request)}
    return render(request, START_TEMPLATES[request.user.role], context)


@signed_in_required
@require_POST
def switch_board(request):
    try:
        board = board_switch(request=request, board_id=int(request.POST.get("board", "")))
    except ValueError:
        board = None
    if board is None:
        messages.error(request, board_words("Choose one of the boards you work for.", current_term()))
    else:
        messages.success(request, f"You are now working in {board.name}.")
    return redirect(next_from(request))


def _audit_refusal(request, note: str = "") -> None:
    """Record a refused or not-found request of a signed-in user (who, which address, what)."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        detail = f"{request.method} {request.path}{note}"
        audit_record(request=request, action=AuditAction.ACCESS_REFUSED, detail=detail)


def permission_denied(request, exception=None):
    """The 403 page, after recording the refusal in the audit trail (who, which address, when)."""
    from django.views.defaults import permission_denied as django_permission_denied

    _audit_refusal(request)
    return django_permission_denied(request, exception)


def page_not_found(request, exception=None):
    """The 404 page, after recording it for a signed-in user: asking for another agency's record
    by its number gives a 404, and those probes belong in the security log (ASVS 16.3)."""
    from django.views.defaults import page_not_found as django_page_not_found

    _audit_refusal(request, " (not found)")
    return django_page_not_found(request, exception)
