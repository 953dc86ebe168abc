"""An email backend for tests: the mail server is down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")
