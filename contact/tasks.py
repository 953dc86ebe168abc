"""Telling admissions that an inquiry arrived, outside the visitor's request.

django-tasks neither waits for the commit nor retries by itself, so:
`queue_notification` enqueues only after the inquiry is committed and passes
only its id; the task records `notified_at` once the email went out; and
`manage.py send_pending_inquiry_notifications` (run every few minutes) queues
again whatever is still unsent, e.g. after a mail-server or worker outage.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from django_tasks import task

from contact.centers import people_told_about
from contact.models import Inquiry, InquirySettings

# Ids and counts only: nothing a family typed is ever logged.
logger = logging.getLogger(__name__)


def admissions_recipients(site):
    """Who is told about an inquiry to `site` (None: the default site's):
    Settings → Inquiries' addresses, else its admissions team."""
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        configured = InquirySettings.for_site(site).notification_email_list
        if configured:
            return configured
    return people_told_about(site)


def inquiry_admin_url(inquiry_id):
    path = reverse("inquiries:inspect", args=[inquiry_id])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task(backend="inquiries")
def notify_admissions(inquiry_id):
    """Email admissions a link to the inquiry; idempotent, so safe to queue twice."""
    with transaction.atomic():
        # The row lock keeps a sweep-queued duplicate from sending a second email.
        inquiry = (
            Inquiry.objects.select_for_update(of=("self",))
            .select_related("center")
            .filter(pk=inquiry_id, notified_at__isnull=True)
            .exclude(status=Inquiry.Status.SPAM)
            .first()
        )
        if inquiry is None:
            return "nothing to send"
        recipients = admissions_recipients(inquiry.center)
        if not recipients:
            logger.warning(
                "Inquiry %s: no notification recipients configured", inquiry_id
            )
            return "no recipients"
        what = (
            "insurance verification"
            if inquiry.is_insurance_verification
            else "website inquiry"
        )
        center = inquiry.center.site_name if inquiry.center else ""
        to = f" for {center}" if center else ""
        # Whoever calls back must speak the family's language.
        language = " (prefers Spanish)" if inquiry.prefers_spanish else ""
        subject = f"New {what}{to}{language}"
        if inquiry.is_urgent:
            subject = f"URGENT: new {what}{to}{language} - please open it now"
        body = (
            f"A new {what} arrived through the website{to}.\n\n"
            f"Open it in the admin (sign-in required):\n{inquiry_admin_url(inquiry.pk)}\n\n"
            "For privacy this email never contains names or messages.\n"
        )
        # Raises on failure: the transaction rolls back, notified_at stays empty
        # and the sweep queues the notification again.
        send_mail(subject, body, None, recipients)
        inquiry.notified_at = timezone.now()
        inquiry.save(update_fields=["notified_at"])
    return "sent"


def queue_notification(inquiry_id):
    """Enqueue the notification once the inquiry's transaction has committed."""
    transaction.on_commit(
        lambda: notify_admissions.enqueue(inquiry_id=inquiry_id), robust=True
    )


# A real inquiry still unnotified after this long means the worker or the mail
# server is down: superusers are emailed and the dashboard says so.
UNNOTIFIED_ALERT_AFTER = timedelta(minutes=15)


def unnotified_for_too_long():
    return Inquiry.objects.filter(
        notified_at__isnull=True,
        created_at__lte=timezone.now() - UNNOTIFIED_ALERT_AFTER,
    ).exclude(status=Inquiry.Status.SPAM)


def alert_superusers_about_unnotified():
    """Email superusers once about inquiries nobody has been told about.

    Sent from the scheduler, not the worker, so a dead worker cannot keep the
    alert back. Counts and a link only; each inquiry is alerted once.
    """
    waiting = unnotified_for_too_long().filter(unnotified_alert_at__isnull=True)
    ids = list(waiting.values_list("pk", flat=True))
    if not ids:
        return 0
    users = get_user_model().objects.filter(is_active=True, is_superuser=True)
    recipients = sorted({user.email for user in users if user.email})
    if not recipients:
        logger.warning("%s inquiries unnotified; no superuser has an email", len(ids))
        return 0
    minutes = int(UNNOTIFIED_ALERT_AFTER.total_seconds() // 60)
    inbox = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inquiries:index")
    send_mail(
        "Website inquiries are waiting without a notification",
        f"{len(ids)} inquir{'y has' if len(ids) == 1 else 'ies have'} waited more "
        f"than {minutes} minutes and admissions has not been emailed about "
        f"{'it' if len(ids) == 1 else 'them'}.\n\n"
        f"Open the inbox (sign-in required):\n{inbox}\n\n"
        "Check that the notification worker is running (docker compose ps "
        "worker) and that the mail server accepts mail. For privacy this email "
        "never contains names or messages.\n",
        None,
        recipients,
    )
    # Marked only once the email went out: a mail outage is retried next turn.
    Inquiry.objects.filter(pk__in=ids).update(unnotified_alert_at=timezone.now())
    return len(ids)


def queue_unsent_notifications(older_than_seconds=120):
    """Queue every real inquiry whose notification has not gone out yet.

    Recent ones are left to their first task, which is probably still queued.
    """
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    ids = list(
        Inquiry.objects.filter(notified_at__isnull=True, created_at__lte=cutoff)
        .exclude(status=Inquiry.Status.SPAM)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for inquiry_id in ids:
        notify_admissions.enqueue(inquiry_id=inquiry_id)
    return len(ids)


def remind_about_unopened_urgent_inquiries(now=None):
    """Email admissions once about each urgent inquiry nobody has opened.

    "Opened" is an audit entry of someone viewing it in the inbox. The wait is
    Settings → Inquiries; the email holds a count and a link, never a name.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    now = now or timezone.now()
    opened = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Inquiry),
        action="contact.inquiry.viewed",
    ).values_list("object_id", flat=True)
    unopened = (
        Inquiry.objects.filter(is_urgent=True, urgent_reminder_at__isnull=True)
        .exclude(status=Inquiry.Status.SPAM)
        .exclude(pk__in=[int(pk) for pk in opened])
    )
    # Each center's own wait and team; inquiries from before centers go to
    # the default site's.
    default_site = Site.objects.filter(is_default_site=True).first()
    sites = Site.objects.in_bulk()
    reminded = 0
    for center_id in set(unopened.values_list("center_id", flat=True)):
        site = sites.get(center_id, default_site)
        minutes = (
            InquirySettings.for_site(site).urgent_reminder_minutes
            if site is not None
            else InquirySettings._meta.get_field("urgent_reminder_minutes").default
        )
        ids = list(
            unopened.filter(
                center_id=center_id, created_at__lte=now - timedelta(minutes=minutes)
            ).values_list("pk", flat=True)
        )
        if ids and send_urgent_reminder(ids, site, minutes):
            # Marked once the email went out: a mail outage is retried next turn.
            Inquiry.objects.filter(pk__in=ids).update(urgent_reminder_at=now)
            reminded += len(ids)
    return reminded


def send_urgent_reminder(ids, site, minutes):
    recipients = people_told_about(site)
    if not recipients:
        logger.warning("%s urgent inquiries unopened; no admissions email", len(ids))
        return False
    inbox = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inquiries:index")
    to = f" for {site.site_name}" if site is not None and site.site_name else ""
    send_mail(
        f"URGENT: an urgent website inquiry{to} has not been opened",
        f"{len(ids)} urgent inquir{'y has' if len(ids) == 1 else 'ies have'} "
        f"waited more than {minutes} minutes without anyone opening "
        f"{'it' if len(ids) == 1 else 'them'}.\n\n"
        f"Open the inbox now (sign-in required):\n{inbox}?is_urgent=true\n\n"
        "For privacy this email never contains names or messages.\n",
        None,
        recipients,
    )
    return True
