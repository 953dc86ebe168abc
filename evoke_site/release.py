"""Which release of the code is running, for keys of rendered parts.

Kept parts of pages (core.kept_parts) hold HTML the templates and views made:
after a deploy that changes them, parts kept by the previous release must not
be served. The default cache's key prefix carries the release, so a new release
starts with none of them, while the content generation (its own cache alias)
carries over. RELEASE_ID names it (a deploy sets the commit); otherwise it is a
digest of the code and templates, so a changed template retires the parts made
with the old one under `make run` as well.
"""

import hashlib
import os
from pathlib import Path

# The compiled catalogues too: a corrected translation retires the old wording.
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".mo"}
# Not the code: uploads, build output, test artifacts, tests and benchmarks.
NOT_SOURCE = {
    "node_modules",
    "data",
    "media",
    "staticfiles",
    "test-artifacts",
    "tests",
    "bench",
}


def code_digest(root):
    digest = hashlib.sha256()
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in NOT_SOURCE and f[0] != ".")
        for name in sorted(files):
            path = Path(directory, name)
            if path.suffix in SOURCE_SUFFIXES:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def current_release(root):
    return os.environ.get("RELEASE_ID", "").strip()[:40] or code_digest(root)
