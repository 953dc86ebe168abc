"""Images uploaded in the admin, served by the site itself in production.

Django serves MEDIA only with DEBUG, so a deployed site showed no logo, hero
or card image. Behind the front cache each file is read from disk about once,
so a small view does the job without a separate web server or bucket. Only
image folders are served: documents go through Wagtail's document view, which
applies their collection's privacy.
"""

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# A rendition's name carries its filter (size, crop, focal point, format) and
# Wagtail never rewrites one in place, so it can be kept for a year. An
# original can be replaced by a new upload, so only for a day.
CACHE_SECONDS = {"images": 60 * 60 * 24 * 365, "original_images": 60 * 60 * 24}


@require_safe
def serve_image(request, path):
    path = posixpath.normpath(path).lstrip("/")
    folder = path.split("/", 1)[0]
    if folder not in CACHE_SECONDS or path.startswith("../"):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    full_path = (root / path).resolve()
    # resolve() follows links and "..": whatever is asked, it stays in MEDIA_ROOT.
    if not full_path.is_relative_to(root) or not full_path.is_file():
        raise Http404
    content_type, _ = mimetypes.guess_type(full_path.name)
    if not (content_type or "").startswith("image/"):
        raise Http404
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS[folder]}"
    return response
