"""Every e-mail goes through the outbox (``wscb.mail.services.email_queue``): no module outside
``wscb/mail/`` may send mail itself (Django's ``send_mail``, ``EmailMessage``, a mail connection...).

Sending inside a request or a transaction is what this rule prevents: a slow or refusing server
holding up a page, rolling back a round after some agencies have their invitation, or a message
sent for a change that was then rolled back. Password reset is Django's own view and stays as it is.
"""

import ast
from pathlib import Path

from tests.wscb.test_import_graph import project_modules

#: What sends mail in Django: importing any of these (or ``django.core.mail`` itself) is sending.
SENDERS = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
}
ALLOWED_PACKAGE = "wscb.mail"


def direct_senders(modules: dict[str, Path]) -> list[str]:
    found = []
    for name, path in sorted(modules.items()):
        if name == ALLOWED_PACKAGE or name.startswith(ALLOWED_PACKAGE + "."):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail"):
                names = {alias.name for alias in node.names}
                if node.module != "django.core.mail" or names & (SENDERS | {"*"}):
                    found.append(f"{name}:{node.lineno} from {node.module} import {', '.join(sorted(names))}")
            elif isinstance(node, ast.ImportFrom) and node.module == "django.core":
                if any(alias.name == "mail" for alias in node.names):
                    found.append(f"{name}:{node.lineno} from django.core import mail")
            elif isinstance(node, ast.Import):
                found += [
                    f"{name}:{node.lineno} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("django.core.mail")
                ]
            elif isinstance(node, ast.Attribute) and node.attr in ("email_user", "send_mail"):
                found.append(f"{name}:{node.lineno} .{node.attr}(...)")
    return found


def test_no_module_outside_the_outbox_sends_mail_itself():
    found = direct_senders(project_modules())
    assert found == [], "send e-mail with wscb.mail.services.email_queue instead:\n" + "\n".join(found)


def test_the_guard_sees_each_way_of_sending_mail(tmp_path):
    from tests.wscb.test_import_graph import PACKAGES

    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "wscb" / "mail").mkdir()
    (tmp_path / "wscb" / "mail" / "__init__.py").write_text("from django.core.mail import EmailMessage\n")
    (tmp_path / "training" / "a.py").write_text("from django.core.mail import send_mail\n")
    (tmp_path / "reports" / "b.py").write_text("def f():\n    from django.core import mail\n")
    (tmp_path / "meetings" / "c.py").write_text("import django.core.mail\n")
    (tmp_path / "finance" / "d.py").write_text("def f(user):\n    user.email_user('s', 'b')\n")
    (tmp_path / "partners" / "e.py").write_text("from django.core.mail.message import EmailMessage\n")
    (tmp_path / "partners" / "fine.py").write_text("from django.core.mail import BadHeaderError\n")
    found = direct_senders(project_modules(tmp_path))
    assert [line.split(":")[0] for line in found] == [
        "finance.d",
        "meetings.c",
        "partners.e",
        "reports.b",
        "training.a",
    ]
