"""Image uploads through the admin: formats, limits, alt text and focal points.

Every file is a real image made with Pillow and posted to Wagtail's own admin
views, the ones behind "Add an image" and "Add images".
"""

import io
import math
import os

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from wagtail.images.models import Filter

import pytest
from PIL import Image as PILImage
from PIL import features

from core.images import CARD_FILTERS
from core.models import SiteImage

ADD_IMAGE = "/admin/images/add/"
ADD_IMAGES = "/admin/images/multiple/add/"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert("x")</script><rect width="10" height="10"/></svg>'
)


def picture(image_format, size=(64, 48), mode="RGB", colour=(40, 120, 200)):
    buffer = io.BytesIO()
    PILImage.new(mode, size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def add_image(admin_client, file, **fields):
    data = {"title": "Group room", "description": "A sunny group room", **fields}
    return admin_client.post(ADD_IMAGE, {**data, "file": file})


def file_errors(response):
    return response.context["form"].errors.get("file", [])


@pytest.mark.parametrize(
    ("name", "image_format"),
    [
        ("room.jpg", "JPEG"),
        ("room.jpeg", "JPEG"),
        ("room.png", "PNG"),
        ("room.webp", "WEBP"),
        ("room.avif", "AVIF"),
    ],
)
def test_editor_can_upload_jpeg_png_webp_and_avif(admin_client, name, image_format):
    assert features.check("avif"), "this Pillow cannot write AVIF"
    response = add_image(admin_client, upload(name, picture(image_format)))
    assert response.status_code == 302, file_errors(response)
    image = SiteImage.objects.get(title="Group room")
    assert (image.width, image.height) == (64, 48)
    assert image.file.name.endswith(os.path.splitext(name)[1])


def test_svg_upload_is_refused_with_the_formats_that_are_allowed(admin_client):
    response = add_image(admin_client, upload("logo.svg", SVG))
    assert response.status_code == 200
    assert file_errors(response) == [
        "Not a supported image format. Supported formats: AVIF, JPG, JPEG, PNG, WEBP."
    ]
    assert not SiteImage.objects.exists()


def test_svg_renamed_to_png_is_refused(admin_client):
    response = add_image(admin_client, upload("logo.png", SVG))
    assert response.status_code == 200
    assert file_errors(response)
    assert not SiteImage.objects.exists()


def test_svg_is_refused_by_the_add_images_uploader_too(admin_client):
    response = admin_client.post(ADD_IMAGES, {"files[]": upload("logo.svg", SVG)})
    answer = response.json()
    assert answer["success"] is False
    assert "Not a supported image format" in answer["error_message"]
    assert not SiteImage.objects.exists()


def test_file_larger_than_the_upload_limit_is_refused(admin_client):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    # Noise does not compress, so the PNG is at least as large as its pixels.
    width = 2048
    height = limit // (3 * width) + 16
    noise = PILImage.frombytes("RGB", (width, height), os.urandom(3 * width * height))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    content = buffer.getvalue()
    assert len(content) > limit

    response = add_image(admin_client, upload("huge.png", content))
    assert response.status_code == 200
    assert file_errors(response) == [
        f"This file is too big ({filesizeformat(len(content))}). "
        f"Maximum filesize {filesizeformat(limit)}."
    ]
    assert not SiteImage.objects.exists()


def test_image_with_too_many_pixels_is_refused(admin_client):
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    side = math.isqrt(limit) + 1
    # One flat grey compresses to a small file: only the pixel count is too big.
    content = picture("PNG", size=(side, side), mode="L", colour=128)
    assert len(content) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    response = add_image(admin_client, upload("poster.png", content))
    assert response.status_code == 200
    assert file_errors(response) == [
        f"This file has too many pixels ({side * side}). Maximum pixels {limit}."
    ]
    assert not SiteImage.objects.exists()


def test_image_without_alt_text_is_refused_unless_marked_decorative(admin_client):
    response = add_image(
        admin_client, upload("room.png", picture("PNG")), description=""
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["description"]
    assert errors == [
        "Describe the image for people who cannot see it (alt text), "
        "or tick “decorative”."
    ]
    assert not SiteImage.objects.exists()

    response = add_image(
        admin_client,
        upload("border.png", picture("PNG")),
        title="Border",
        description="",
        is_decorative="on",
    )
    assert response.status_code == 302
    border = SiteImage.objects.get(title="Border")
    assert border.is_decorative
    assert border.default_alt_text == ""


def test_add_images_uploader_asks_for_alt_text_before_saving(admin_client):
    response = admin_client.post(
        ADD_IMAGES, {"files[]": upload("room.png", picture("PNG"))}
    )
    answer = response.json()
    # The file is valid, so it is kept aside until the editor describes it.
    assert answer["success"] is True
    assert not SiteImage.objects.exists()
    upload_id = answer["uploaded_file_id"]
    create_url = f"/admin/images/multiple/create_from_uploaded_image/{upload_id}/"
    prefix = f"uploaded-image-{upload_id}"

    refused = admin_client.post(
        create_url, {f"{prefix}-title": "Group room", f"{prefix}-description": ""}
    ).json()
    assert refused["success"] is False
    assert "tick “decorative”" in refused["form"]
    assert not SiteImage.objects.exists()

    saved = admin_client.post(
        create_url,
        {f"{prefix}-title": "Group room", f"{prefix}-description": "A sunny room"},
    ).json()
    assert saved["success"] is True
    assert SiteImage.objects.get().description == "A sunny room"


RED = (220, 20, 20)
GREY = (128, 128, 128)


def is_red(pixel):
    return pixel[0] > 180 and pixel[1] < 80 and pixel[2] < 80


def test_fill_rendition_is_cropped_around_the_focal_point(admin_client):
    # A square picture with a red face near its top edge: a centred 16:9 crop
    # would cut the face off.
    canvas = PILImage.new("RGB", (800, 800), GREY)
    canvas.paste(RED, (350, 20, 450, 120))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    add_image(admin_client, upload("face.png", buffer.getvalue()), title="Face")
    image = SiteImage.objects.get(title="Face")
    card_filter = CARD_FILTERS[0]
    assert card_filter.startswith("fill-")

    centred = image.get_rendition(card_filter)
    with PILImage.open(centred.file) as picture_file:
        colours = picture_file.convert("RGB").getcolors(maxcolors=1 << 16)
    assert not any(is_red(colour) for _count, colour in colours)

    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Face",
            "description": "A smiling counsellor",
            "focal_point_x": 400,
            "focal_point_y": 70,
            "focal_point_width": 100,
            "focal_point_height": 100,
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()

    # The 16:9 crop box holds the whole focal area (x 350–450, y 20–120).
    crop = Filter(card_filter).get_transform(image).get_rect()
    assert (crop.left, crop.top, crop.right, crop.bottom) == (0, 20, 800, 470)

    focused = image.get_rendition(card_filter)
    assert focused.focal_point_key != centred.focal_point_key
    with PILImage.open(focused.file) as picture_file:
        rgb = picture_file.convert("RGB")
        assert rgb.size == (400, 225)
        # The face, moved up by the crop and scaled by a half: x 175–225, y 0–50.
        assert is_red(rgb.getpixel((200, 25)))
        assert not is_red(rgb.getpixel((200, 120)))


CHOOSER_UPLOAD = "/admin/images/chooser/create/"


def chooser_upload(admin_client, file, **fields):
    """The upload tab of the image chooser opened from the page editor."""
    data = {"title": "Group room", "file": file, **fields}
    return admin_client.post(
        CHOOSER_UPLOAD,
        {f"image-chooser-upload-{name}": value for name, value in data.items()},
    )


def test_image_chooser_upload_asks_for_alt_text_and_refuses_svg(admin_client):
    refused = chooser_upload(admin_client, upload("room.png", picture("PNG")))
    assert refused.json()["step"] == "reshow_creation_form"
    assert "tick “decorative”" in refused.json()["htmlFragment"]

    svg = chooser_upload(admin_client, upload("logo.svg", SVG), description="Logo")
    assert svg.json()["step"] == "reshow_creation_form"
    assert "Not a supported image format" in svg.json()["htmlFragment"]
    assert not SiteImage.objects.exists()

    chosen = chooser_upload(
        admin_client, upload("room.png", picture("PNG")), description="A sunny room"
    )
    assert chosen.json()["step"] == "chosen"
    assert SiteImage.objects.get().description == "A sunny room"
