"""The container's health check: does /healthz answer 200 (database reachable)?

Plain Python without Django, so a check every few seconds costs little. It
asks for the first ALLOWED_HOSTS name, as Django refuses any other Host.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
host = host.lstrip(".").replace("*", "localhost") or "localhost"
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
