"""Counting visits without cookies, identifiers or addresses.

A beacon (static/insights/beacon.js) says which page, which event and which
campaign tags; `hit_from_request` checks every part of it and `count` adds one
to a Redis hash for the day (HINCRBY: atomic, shared by every web process).
`flush` moves those hashes into DailyCount rows. The visitor's address is only
ever hashed with the secret key for the rate limit, in a Redis key that lives
for one window; nothing about the request is logged.
"""

import datetime
import hashlib
import json
import logging
import re
import time
import uuid
from dataclasses import astuple, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

import redis

from contact.views import client_address
from core import generation
from insights.models import DailyCount, FlushedBatch

logger = logging.getLogger(__name__)

Event = DailyCount.Event
# What a beacon may say; completions are worked out here from the page.
BEACON_EVENTS = {Event.VIEW, Event.CALL, Event.INQUIRY_START, Event.INSURANCE_START}
# Crawlers, monitors, scripts and headless browsers (automation, not people).
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"headless|phantom|lighthouse|pingdom|uptime|monitor|curl|wget|httpie|"
    r"python|java/|go-http|okhttp|axios|node-fetch|scrapy|libwww|feedfetcher",
    re.IGNORECASE,
)
PHONE = re.compile(r"^\+?[0-9]{2,15}$")
DOMAIN = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*$")
# Campaign tags are shown to editors: printable ASCII only. A browser sends a
# path percent-encoded, so a path is printable ASCII too; both keep a row's
# unique index well inside PostgreSQL's size for one index entry.
TAG = re.compile(r"^[A-Za-z0-9 .,:/+@%&()'_-]{0,100}$")
PATH = re.compile(r"^/[!$&'()*+,\-./0-9:;=@A-Z_a-z~%]*$")
MAX_PATH = 255
FLUSHED_BATCH_DAYS = 7
# Counts nobody flushed (no scheduler) go after this long rather than pile up.
DAY_KEY_SECONDS = 35 * 24 * 60 * 60


@dataclass(frozen=True)
class Hit:
    page_id: int
    path: str
    event: str
    phone: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    gclid: bool = False
    referrer_domain: str = ""

    def field(self):
        return json.dumps(astuple(self), separators=(",", ":"))

    @classmethod
    def from_field(cls, field):
        return cls(*json.loads(field))

    def dimensions(self):
        values = dict(zip(self.__dataclass_fields__, astuple(self), strict=True))
        values.pop("page_id")
        return values


def key_prefix():
    return getattr(settings, "INSIGHTS_KEY_PREFIX", "evoke:insights:")


def redis_url():
    return getattr(settings, "INSIGHTS_REDIS_URL", settings.REDIS_URL)


_clients = {}


def redis_client():
    """The shared Redis, or None when the site runs without one."""
    url = redis_url()
    if not url:
        return None
    if url not in _clients:
        # As for the cache: a Redis that does not answer must not hold a request.
        _clients[url] = redis.Redis.from_url(
            url, socket_timeout=0.1, socket_connect_timeout=0.1
        )
    return _clients[url]


def opted_out(request):
    return request.headers.get("Sec-GPC") == "1" or request.headers.get("DNT") == "1"


def is_bot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOT_USER_AGENT.search(agent))


def clean_tag(value):
    value = " ".join(value.split())[:100]
    return value if TAG.match(value) else ""


def hit_from_request(request):
    """The Hit a beacon describes, or None when it is not one to count."""
    if opted_out(request) or is_bot(request):
        return None
    data = request.POST
    event = data.get("event", "")
    path = data.get("path", "")
    if event not in BEACON_EVENTS or len(path) > MAX_PATH or not PATH.match(path):
        return None
    if path.startswith("//"):
        return None
    try:
        page_id = int(data.get("page", ""))
    except ValueError:
        return None
    facts = counted_page(request, page_id)
    if facts is None:
        return None
    page_url, kind = facts
    if not page_url or not belongs_to(kind, page_url, path):
        return None
    phone = ""
    if event == Event.CALL:
        phone = data.get("phone", "")
        if not PHONE.match(phone):
            return None
    elif event == Event.VIEW and path == page_url + "thank-you/":
        event = completion_event(kind) or event
    referrer = data.get("ref", "").strip().lower()
    return Hit(
        page_id=page_id,
        path=path,
        event=event,
        phone=phone,
        utm_source=clean_tag(data.get("utm_source", "")),
        utm_medium=clean_tag(data.get("utm_medium", "")),
        utm_campaign=clean_tag(data.get("utm_campaign", "")),
        gclid=data.get("gclid") == "1",
        referrer_domain=referrer if DOMAIN.match(referrer) else "",
    )


def counted_page(request, page_id):
    """(its address on this site, its page class) for a live, public page, or
    None. Kept in this process for the content generation (publishing,
    withdrawing or restricting a page bumps it), so an ad burst's beacons
    read no database."""

    def load():
        page = Page.objects.live().public().filter(pk=page_id).first()
        if page is None:
            return None
        return page.get_url(request), page.specific_class

    site = Site.find_for_request(request)
    key = f"insights-page:{site.pk if site else ''}:{page_id}"
    return generation.remembered(request, key, load)


def belongs_to(kind, page_url, path):
    """True for the page's own address or one of its routes (a thank-you page)."""
    if path == page_url:
        return True
    if not path.startswith(page_url) or kind is None:
        return False
    if not issubclass(kind, RoutablePageMixin):
        return False
    try:
        kind.get_resolver().resolve("/" + path[len(page_url) :])
    except Http404:
        return False
    return True


def completion_event(kind):
    """The event a view of a page's thank-you route stands for, if any."""
    from contact.models import ContactPage
    from insurance.models import VerifyInsurancePage

    if kind is not None and issubclass(kind, ContactPage):
        return Event.INQUIRY_DONE
    if kind is not None and issubclass(kind, VerifyInsurancePage):
        return Event.INSURANCE_DONE
    return None


def rate_limited(client, request):
    """True once this client sent more beacons than INSIGHTS_RATE_LIMIT allows."""
    limit, window = getattr(settings, "INSIGHTS_RATE_LIMIT", (300, 600))
    number = int(time.time() // window)
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}:{client_address(request)}".encode()
    ).hexdigest()[:32]
    key = f"{key_prefix()}rate:{digest}:{number}"
    sent, _ = client.pipeline().incr(key).expire(key, window + 1).execute()
    return sent > limit


def day_key(day):
    return f"{key_prefix()}day:{day.isoformat()}"


def count(request):
    """Count the beacon in `request` if it is one to count. Never raises."""
    try:
        hit = hit_from_request(request)
        if hit is None:
            return False
        client = redis_client()
        if client is None:
            # One machine without Redis: straight into the day's row.
            add_to_rows(timezone.localdate(), {hit: 1})
            return True
        if rate_limited(client, request):
            return False
        key = day_key(timezone.localdate())
        client.pipeline().hincrby(key, hit.field(), 1).expire(
            key, DAY_KEY_SECONDS
        ).execute()
        return True
    except Exception as error:  # noqa: BLE001 - an outage drops the count, never the visit
        logger.warning("Insights: a beacon was not counted (%s)", type(error).__name__)
        return False


def add_to_rows(day, hits):
    """Add {Hit: n} to the DailyCount rows of `day`."""
    for hit, number in hits.items():
        row, created = DailyCount.objects.get_or_create(
            date=day,
            page_id=hit.page_id,
            **hit.dimensions(),
            defaults={"count": number},
        )
        if not created:
            DailyCount.objects.filter(pk=row.pk).update(count=F("count") + number)


def flush(client=None):
    """Move every counted day from Redis into DailyCount; returns beacons moved.

    Each day's hash is first renamed to a batch of its own (RENAME is atomic:
    a beacon after it starts a new hash). A batch is added to the rows in one
    transaction with its FlushedBatch record, then deleted. A flush that dies
    leaves its batches for the next: one not yet added is added, one already
    added (its record exists) is only deleted. Nothing is lost or counted twice.
    """
    client = client or redis_client()
    if client is None:
        return 0
    prefix = key_prefix()
    for key in list(client.scan_iter(match=f"{prefix}day:*")):
        day = key.decode().rsplit(":", 1)[1]
        try:
            client.rename(key, f"{prefix}batch:{day}:{uuid.uuid4().hex}")
        except redis.ResponseError:  # another flush took it first
            continue
    moved = 0
    for key in list(client.scan_iter(match=f"{prefix}batch:*")):
        name = key.decode()
        day = datetime.date.fromisoformat(name[len(prefix) :].split(":")[1])
        if not FlushedBatch.objects.filter(key=name).exists():
            hits = {
                Hit.from_field(field.decode()): int(number)
                for field, number in client.hgetall(key).items()
            }
            try:
                with transaction.atomic():
                    FlushedBatch.objects.create(key=name)
                    add_to_rows(day, hits)
            except IntegrityError:  # a flush beside this one added it
                continue
            moved += sum(hits.values())
        client.delete(key)
    FlushedBatch.objects.filter(
        flushed_at__lt=timezone.now() - datetime.timedelta(days=FLUSHED_BATCH_DAYS)
    ).delete()
    return moved
