"""Demo content shared by every app: the site, its settings and the home page.

Each app that has demo content offers a `load(site, log)` function in its own
`demo.py`; `load_demo_content` calls them in order for the first center
(Waltham, the default site), then adds the second (COHASSET) as
`manage.py add_center` adds a center. Every loader is idempotent: it looks
things up by a stable key (slug, title) before creating.
"""

import io
import math

from django.core.files.images import ImageFile

from wagtail.models import Page, Site

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from core.models import CenterSettings, SiteImage

CRISIS_LINES = [
    {
        "name": "988 Suicide & Crisis Lifeline",
        "phone": "988",
        "note": "Call or text, 24/7",
    },
    {
        "name": "SAMHSA National Helpline",
        "phone": "1-800-662-4357",
        "note": "Free, confidential, 24/7",
    },
]

# Examples of what a center lists; a real center keeps only what it holds.
CREDENTIALS = [
    {
        "name": "Accredited by The Joint Commission",
        "detail": "Behavioral Health Care and Human Services",
        "link": "",
    },
    {
        "name": "Licensed by the Massachusetts Department of Public Health",
        "detail": "Bureau of Substance Addiction Services",
        "link": "",
    },
]
CALL_STEPS = [
    {
        "title": "A counselor answers",
        "text": "An admissions counselor picks up, day or night. The call is "
        "free and confidential, and you do not have to decide anything.",
    },
    {
        "title": "We listen and check your insurance",
        "text": "Tell us what is happening, for yourself or someone you love. "
        "With your permission we check your insurance benefits at no cost.",
    },
    {
        "title": "We plan the next step together",
        "text": "If our programs fit, we arrange a time to start and help with "
        "travel. If they do not, we help you find care that does.",
    },
]


# The demo's second center, made by core.centers.add_center with two programs
# of its own; it also shows every article of the first.
COHASSET = {
    "name": "Evoke Wellness at Cohasset",
    "hostname": "cohasset.localhost",
    "phone": "866.931.6429",
    "address": "Evoke Wellness at Cohasset\nCohasset, MA 02025",
    "programs": ["opioid-detox", "dual-diagnosis-treatment"],
}


# The center details as the Spanish pages word them (Settings → Center details,
# "On the Spanish pages").
SPANISH_WORDING = {
    "tagline": "Construya una base sólida para una recuperación duradera",
    "admissions_hours": "Admisiones atiende las 24 horas, los 7 días de la semana",
}
SPANISH_CRISIS_LINES = [
    {
        "name": "Línea 988 de Prevención del Suicidio y Crisis",
        "phone": "988",
        "note": "Llame o envíe un mensaje de texto; oprima 2 para español. 24/7",
    },
    {
        "name": "Línea Nacional de Ayuda de SAMHSA",
        "phone": "1-800-662-4357",
        "note": "Gratuita, confidencial, en español, 24/7",
    },
]
SPANISH_CALL_STEPS = [
    {
        "title": "Le atiende un consejero",
        "text": "Un consejero de admisiones contesta de día o de noche. La "
        "llamada es gratuita y confidencial, y no tiene que decidir nada.",
    },
    {
        "title": "Le escuchamos y revisamos su seguro",
        "text": "Cuéntenos qué está pasando, a usted o a un ser querido. Con su "
        "permiso, revisamos los beneficios de su seguro médico sin costo.",
    },
    {
        "title": "Planeamos juntos el siguiente paso",
        "text": "Si nuestros programas le convienen, acordamos cuándo empezar y "
        "le ayudamos con el traslado. Si no, le ayudamos a encontrar atención "
        "que sí le convenga.",
    },
]


def make_image(title, colours, size=(1600, 900), alt_text=""):
    """A generated picture (no download): a soft two-colour gradient with rings.

    Abstract, so the demo's are decorative (no alt_text): alt text describing a
    photo it is not would tell a screen-reader user of something no one sees.
    """
    existing = SiteImage.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = size
    picture = PILImage.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(picture)
    top, bottom = colours
    for y in range(height):
        mix = y / height
        row = tuple(int(top[i] * (1 - mix) + bottom[i] * mix) for i in range(3))
        draw.line([(0, y), (width, y)], fill=row)
    for i in range(6):
        radius = 60 + i * 40
        centre = (width * (i + 1) // 7, height // 2 + (i % 2) * 120 - 60)
        draw.ellipse(
            [
                centre[0] - radius,
                centre[1] - radius,
                centre[0] + radius,
                centre[1] + radius,
            ],
            outline=(255, 255, 255),
            width=6,
        )
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = SiteImage(title=title, description=alt_text, is_decorative=not alt_text)
    image.file = ImageFile(buffer, name=f"{slug[:60]}.jpg")
    image.save()
    return image


def make_logo(title, alt_text, colour=(11, 85, 99), size=256):
    """The center's logo as an image in the library (see draw_logo)."""
    existing = SiteImage.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    draw_logo(colour, size).save(buffer, format="PNG")
    image = SiteImage(title=title, description=alt_text)
    image.file = ImageFile(buffer, name="evoke-logo.png")
    image.save()
    return image


def draw_logo(colour=(11, 85, 99), size=256):
    """A generated mark: a sun rising over a path, white on the brand colour.
    Also drawn, once, as static/icons/apple-touch-icon.png."""
    picture = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 5, fill=colour)
    white = (255, 255, 255, 255)
    centre, horizon, radius = size // 2, size * 9 // 16, size // 6
    draw.pieslice(
        [centre - radius, horizon - radius, centre + radius, horizon + radius],
        180,
        360,
        fill=white,
    )
    for angle in range(195, 346, 30):
        ray = complex(math.cos(math.radians(angle)), math.sin(math.radians(angle)))
        inner, outer = ray * radius * 1.3, ray * radius * 1.9
        draw.line(
            [
                (centre + inner.real, horizon + inner.imag),
                (centre + outer.real, horizon + outer.imag),
            ],
            fill=white,
            width=size // 28,
        )
    # A path from the horizon to the viewer.
    draw.polygon(
        [
            (centre - size // 32, horizon + size // 24),
            (centre + size // 32, horizon + size // 24),
            (centre + size // 5, size * 7 // 8),
            (centre - size // 5, size * 7 // 8),
        ],
        fill=white,
    )
    return picture


def load_site(log):
    """The home page at the site root, and the center's settings."""
    from core.centers import home_page
    from home.models import HomePage

    root = Page.get_first_root_node()
    # In tree order: the first center's, before any added later.
    home = HomePage.objects.first()
    if home is None:
        home = home_page(
            "Evoke Wellness at Waltham",
            "Waltham, MA",
            slug="evoke-home",
            search_description=(
                "Evoke Wellness at Waltham offers heroin rehab, dual diagnosis "
                "treatment and evidence-based therapies. Call 866.276.1920."
            ),
            hero_image=make_image(
                "Rings on a sand-to-teal gradient",
                ((236, 196, 150), (70, 120, 140)),
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        log("Created the home page")
    # The default site Wagtail's migration makes points at its welcome page.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Evoke Wellness at Waltham"
        site.save()
        if old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()
        log("Pointed the site at the home page")

    center = CenterSettings.for_site(site)
    if not center.crisis_lines:
        center.crisis_lines = [("crisis_line", line) for line in CRISIS_LINES]
        center.save()
        log("Filled in the center details")
    if not center.call_steps and not center.credentials:
        center.call_steps = [("step", step) for step in CALL_STEPS]
        center.credentials = [("credential", item) for item in CREDENTIALS]
        center.save()
        log("Added what happens when you call, and the center's credentials")
    if not center.crisis_lines_es:
        center.tagline_es = SPANISH_WORDING["tagline"]
        center.admissions_hours_es = SPANISH_WORDING["admissions_hours"]
        center.call_steps_es = [("step", step) for step in SPANISH_CALL_STEPS]
        center.crisis_lines_es = [
            ("crisis_line", line) for line in SPANISH_CRISIS_LINES
        ]
        center.save()
        log("Worded the center details for the Spanish pages")
    if center.logo_id is None:
        # The organisation's structured data and share cards show the logo.
        # The group's mark, which each center added later starts with too.
        center.logo = make_logo(
            "Evoke Wellness logo", "Evoke Wellness: a sun rising over a path"
        )
        center.save()
        log("Added the center's logo")
    return site


def load_second_center(site, log, port=None):
    """Cohasset, made as `manage.py add_center` makes a center, showing every
    article of `site` (the first center) through the article library."""
    from articles.demo import show_at
    from core.centers import add_center

    center = add_center(**COHASSET, port=port, log=log)
    show_at(site, [center], log)
    return center
