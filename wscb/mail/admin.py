"""Back office: the outbox, to see whether a message went and why not, and to send a failed one again."""

from django.contrib import admin, messages
from django.db.models import Q
from django.template.response import TemplateResponse

from wscb.audit.services import AuditAction, audit_record
from wscb.jobs.admin import ReadOnlyAdmin
from wscb.mail.models import Email
from wscb.mail.services import EmailNotResendable, email_resend
from wscb.roles import RECORD_KEEPERS, user_has_role


@admin.action(description="Send the selected failed or uncertain e-mails again", permissions=["resend"])
def resend_emails(modeladmin, request, queryset):
    emails = list(queryset)
    if request.POST.get("confirmed") != "yes":
        return TemplateResponse(
            request,
            "admin/mail/confirm_resend.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Send these e-mails again?",
                "emails": emails,
                "opts": modeladmin.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    resent = 0
    for email in emails:
        try:
            email_resend(email=email)
        except EmailNotResendable as refusal:
            messages.warning(request, str(refusal))
            continue
        audit_record(request=request, action=AuditAction.CHANGED, obj=email, detail="Changed: status (sent again)")
        resent += 1
    if resent:
        messages.success(request, f"{resent} e-mail(s) queued to be sent again.")
    return None


@admin.register(Email)
class EmailAdmin(ReadOnlyAdmin):
    list_display = ("subject", "recipients", "kind", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("subject", "to")
    date_hierarchy = "created_at"
    actions = [resend_emails]
    fields = (
        "kind",
        "board",
        "recipients",
        "subject",
        "body",
        "attachment_names",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        """The messages of the board the user is working in (and any of no board): administrators too
        work in one board at a time."""
        board = request.board or None
        here = Q(board__isnull=True) | (Q(board=board) if board else Q(pk__in=[]))
        return super().get_queryset(request).select_related("board").filter(here)

    def has_resend_permission(self, request):
        return user_has_role(request.user, RECORD_KEEPERS)

    @admin.display(description="to")
    def recipients(self, email):
        return ", ".join(email.to)
