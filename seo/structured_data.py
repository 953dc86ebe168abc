"""schema.org JSON-LD for the center, articles, breadcrumbs, FAQs and locations.

Each function returns a plain dict; `to_json_ld` serialises one for a
`<script type="application/ld+json">` block, which browsers never execute, so
the strict Content-Security-Policy allows it.
"""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue

from core.rich_text import insert_admissions_phone

SCHEMA = "https://schema.org"
# Google shows at most this many characters of a headline.
HEADLINE_MAX_CHARS = 110
# `reviewer` first: on a reviewed page it is the person the page itself shows
# (core.page_mixins), read once for both.
REVIEWER_FIELDS = ("reviewer", "medical_reviewer")
FAQ_BLOCK_TYPE = "faq"
# A last address line such as "Waltham, MA 02451".
CITY_STATE_ZIP = re.compile(
    r"^(?P<locality>[^,]+),\s*(?P<region>[A-Z]{2})\s+(?P<postal_code>\d{5}(?:-\d{4})?)$"
)
# What json.dumps leaves as is but must not appear raw inside a <script>.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_json_ld(data):
    """`data` as JSON that is safe between <script> tags (no "</script>")."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def timestamp(moment):
    """ISO 8601 to the second, with the UTC offset, as search engines expect."""
    return moment.isoformat(timespec="seconds") if moment else None


def organization_id(site_url):
    return f"{site_url}/#organization"


def postal_address(lines, name=""):
    """A PostalAddress from address lines as written on an envelope.

    The last line is read as "City, ST 12345" when it has that shape; the lines
    before it (without the center's own name) are the street address.
    """
    lines = [line.strip() for line in lines if line.strip()]
    if name and lines and lines[0] == name.strip():
        lines = lines[1:]
    address = {"@type": "PostalAddress"}
    match = CITY_STATE_ZIP.match(lines[-1]) if lines else None
    if match:
        lines = lines[:-1]
        address.update(
            addressLocality=match["locality"].strip(),
            addressRegion=match["region"],
            postalCode=match["postal_code"],
            addressCountry="US",
        )
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return address


def organization(center, site_url, logo_url=None):
    """The center itself, shown on every page."""
    data = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        "@id": organization_id(site_url),
        "name": center.center_name,
        "url": f"{site_url}/",
        "telephone": center.admissions_phone,
        "address": postal_address(center.address_lines, center.center_name),
    }
    if logo_url:
        data["logo"] = logo_url
        data["image"] = logo_url
    if center.tagline:
        data["slogan"] = center.tagline
    return data


def person(someone):
    if someone is None:
        return None
    data = {"@type": "Person", "name": someone.name}
    if getattr(someone, "credentials", ""):
        data["honorificSuffix"] = someone.credentials
    if getattr(someone, "role", ""):
        data["jobTitle"] = someone.role
    return data


def reviewer_of(page):
    # A page with a review line of its own says who, if anyone, reviewed
    # exactly what it shows (core.page_mixins.MedicalReviewMixin).
    if hasattr(page, "review_is_current"):
        return page.reviewer
    for name in REVIEWER_FIELDS:
        someone = getattr(page, name, None)
        if someone is not None:
            return someone
    return None


def is_medical_article(page):
    """Pages with an author: health articles."""
    return hasattr(page, "author")


def is_medical_web_page(page):
    """Health articles, and pages a clinician can review (treatment programs)."""
    return is_medical_article(page) or any(
        hasattr(page, name) for name in REVIEWER_FIELDS
    )


def medical_web_page(page, *, url, site_url, description="", image_url=None):
    """A MedicalWebPage carrying its review; an article is its main entity."""
    publisher = {"@id": organization_id(site_url)}
    author = person(getattr(page, "author", None)) or publisher
    modified = page.last_published_at or page.latest_revision_created_at
    article = {
        "@type": "Article",
        "headline": page.title[:HEADLINE_MAX_CHARS],
        # The page's own language (a Spanish translation says "es").
        "inLanguage": get_language(),
        "datePublished": timestamp(page.first_published_at),
        "dateModified": timestamp(modified),
        "author": author,
        "publisher": publisher,
    }
    if description:
        article["description"] = description
    if image_url:
        article["image"] = image_url
    data = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.seo_title or page.title,
        **{key: value for key, value in article.items() if key != "@type"},
    }
    if is_medical_article(page):
        data["mainEntity"] = article
    reviewer = person(reviewer_of(page))
    if reviewer:
        data["reviewedBy"] = reviewer
    last_reviewed = (
        page.review_date
        if hasattr(page, "review_date")
        else getattr(page, "last_reviewed", None)
    )
    if reviewer and last_reviewed:
        data["lastReviewed"] = last_reviewed
    return data


def breadcrumb_list(crumbs):
    """A BreadcrumbList from (name, absolute url) pairs, home first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def blocks_of_type(value, block_type):
    """Every block named `block_type` in a stream, however deeply nested."""
    if isinstance(value, StreamValue):
        for child in value:
            if child.block_type == block_type:
                yield child.value
            else:
                yield from blocks_of_type(child.value, block_type)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from blocks_of_type(child, block_type)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from blocks_of_type(child, block_type)


def rich_text_as_plain(value, center):
    # Plain text needs no expanded links: the stored source reads the same once
    # tags are stripped, and costs no page lookups when the body is not rendered.
    html = getattr(value, "source", None) or str(value)
    return " ".join(strip_tags(insert_admissions_phone(html, center)).split())


def faq_page(body, center):
    """An FAQPage of every question in the body's FAQ blocks, or None."""
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {
                "@type": "Answer",
                "text": rich_text_as_plain(item["answer"], center),
            },
        }
        for faq in blocks_of_type(body, FAQ_BLOCK_TYPE)
        for item in faq["questions"]
    ]
    if not questions:
        return None
    return {"@context": SCHEMA, "@type": "FAQPage", "mainEntity": questions}


def is_location(page):
    return hasattr(page, "address") and hasattr(page, "hours")


def location(page, center, *, url, site_url, image_url=None):
    """A location page as a MedicalClinic (a LocalBusiness) of the center."""
    address_lines = str(page.address).splitlines()
    data = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        "@id": f"{url}#clinic",
        "name": page.title,
        "url": url,
        "telephone": getattr(page, "admissions_phone", "") or center.admissions_phone,
        "address": postal_address(address_lines, page.title),
        "parentOrganization": {"@id": organization_id(site_url)},
    }
    hours = opening_hours(str(page.hours or "").splitlines())
    if hours:
        data["openingHoursSpecification"] = hours
    map_link = getattr(page, "map_link", "")
    if map_link:
        data["hasMap"] = map_link
    if image_url:
        data["image"] = image_url
    return data


# Opening hours, read from lines editors write for people, such as
# "Admissions: 24 hours a day, 7 days a week" or "Visiting: Sat–Sun 1–4pm".
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_NAMES = {
    **{day.lower(): index for index, day in enumerate(DAYS)},
    **{day[:3].lower(): index for index, day in enumerate(DAYS)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
DAY = r"(?:" + "|".join(sorted(DAY_NAMES, key=len, reverse=True)) + r")\b\.?"
DAY_RANGE = re.compile(
    rf"(?P<first>{DAY})\s*(?:-|–|—|to|through|thru)\s*(?P<last>{DAY})", re.IGNORECASE
)
SINGLE_DAY = re.compile(DAY, re.IGNORECASE)
ALL_WEEK = re.compile(r"\b(?:7 days|seven days|daily|every day|24/7)\b", re.IGNORECASE)
AROUND_THE_CLOCK = re.compile(r"\b(?:24 hours|24/7|around the clock)\b", re.IGNORECASE)
TIME = r"(?P<{0}h>\d{{1,2}})(?::(?P<{0}m>\d{{2}}))?\s*(?P<{0}x>[ap]\.?m\.?)?"
TIME_RANGE = re.compile(
    TIME.format("open") + r"\s*(?:-|–|—|to|until)\s*" + TIME.format("close"),
    re.IGNORECASE,
)
CLOSED = re.compile(r"\bclosed\b", re.IGNORECASE)


def _days(line):
    if ALL_WEEK.search(line):
        return list(DAYS)
    lowered = line.lower()
    if "weekdays" in lowered:
        return list(DAYS[:5])
    if "weekends" in lowered:
        return list(DAYS[5:])
    days = []
    for match in DAY_RANGE.finditer(line):
        first = DAY_NAMES[match["first"].rstrip(".").lower()]
        last = DAY_NAMES[match["last"].rstrip(".").lower()]
        days += [DAYS[(first + step) % 7] for step in range((last - first) % 7 + 1)]
    rest = DAY_RANGE.sub(" ", line)
    days += [DAYS[DAY_NAMES[m.rstrip(".").lower()]] for m in SINGLE_DAY.findall(rest)]
    return [day for day in DAYS if day in days]


def _clock(hours, minutes, meridiem):
    hours, minutes = int(hours), int(minutes or 0)
    if meridiem:
        hours = hours % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _times(line):
    match = TIME_RANGE.search(line)
    if not match:
        return None
    close_x = match["closex"]
    open_x = match["openx"]
    if not open_x and close_x:
        # "1–4pm" is 1pm to 4pm; "9–5pm" is 9am to 5pm.
        open_pm = (
            close_x.lower().startswith("p")
            and int(match["openh"]) % 12 <= int(match["closeh"]) % 12
        )
        open_x = "pm" if open_pm else "am"
    opens = _clock(match["openh"], match["openm"], open_x)
    closes = _clock(match["closeh"], match["closem"], close_x)
    if opens is None or closes is None:
        return None
    return opens, closes


def opening_hours(lines):
    """OpeningHoursSpecification entries for the lines that state hours clearly.

    A line that cannot be read with certainty is left out rather than guessed.
    """
    specifications = []
    for line in lines:
        if not line.strip() or CLOSED.search(line):
            continue
        if AROUND_THE_CLOCK.search(line):
            times = ("00:00", "23:59")
            days = _days(line) or list(DAYS)
        else:
            times = _times(line)
            days = _days(line)
        if not times or not days:
            continue
        specifications.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": times[0],
                "closes": times[1],
            }
        )
    return specifications
